import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/host';

interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  asarUnpack: string[];
  icon: string;
  files: string[];
  extraResources?: unknown;
  extraFiles?: unknown;
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  win: { target: string[] };
  nsis: { oneClick: boolean; perMachine: boolean; allowElevation: boolean };
  mac: {
    target: string[];
    extendInfo: Record<string, string>;
    hardenedRuntime: boolean;
    notarize: boolean;
    entitlements: string;
    entitlementsInherit: string;
  };
}

const configText = fs.readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8');
const config = parse(fs.readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('electron-builder configuration', () => {
  it('names the app and builds AppImage + deb, NSIS and dmg', () => {
    // The README's id: Windows shows notification buttons for it (main/index.ts sets it as the AppUserModelID).
    expect(config.appId).toBe('org.ambassadordesk.desk');
    expect(fs.readFileSync(path.join(repoRoot, 'main', 'index.ts'), 'utf8')).toContain(`app.setAppUserModelId('${config.appId}')`);
    expect(config.productName).toBe('Ambassador Desk');
    expect(config.linux.target.sort()).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/i);
    // Answer and Decline on the macOS notification need alert style.
    expect(config.mac.extendInfo.NSUserNotificationAlertStyle).toBe('alert');
  });

  it('packs into asar with the native SQLite module unpacked, and ships it as a runtime dependency', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3-multiple-ciphers/**');
    expect(pkg.dependencies['better-sqlite3-multiple-ciphers']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('points at an icon that exists and at the built main entry', () => {
    const icon = fs.readFileSync(path.join(repoRoot, config.icon));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(pkg.main).toBe('dist/main/index.js');
    expect(config.files).toContain('dist/**/*');
  });
});

/** electron-builder's own JSON schema of its configuration, from the installed version. */
const builderSchema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties: Record<string, unknown> }>;
};
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/** Every key, at any depth, of a parsed YAML document. */
const keysOf = (value: unknown): string[] =>
  value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [...(Array.isArray(value) ? [] : [k]), ...keysOf(v)]) : [];

describe('the packaged app (issue 15, point 2)', () => {
  it('sets the Electron fuses: no run-as-node, NODE_OPTIONS or --inspect; encrypted cookies; asar integrity; app from asar only', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // The installed electron-builder knows the block and every fuse in it (a misspelt fuse would be ignored).
    expect(builderSchema.properties.electronFuses).toBeDefined();
    const fuses = Object.keys(builderSchema.definitions.FuseOptionsV1!.properties);
    for (const name of Object.keys(config.electronFuses)) expect(fuses).toContain(name);
    // Nothing in main forks a Node child (that needs ELECTRON_RUN_AS_NODE, off above).
    const mainSources = fs.readdirSync(path.join(repoRoot, 'main'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const f of mainSources) expect(fs.readFileSync(path.join(repoRoot, 'main', f), 'utf8'), f).not.toMatch(/\bfork\(|ELECTRON_RUN_AS_NODE/);
  });

  it('puts the knowledge pack inside the asar (dist/knowledge, written by the build with its hash record), not beside it', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toContain('dist/**/*');
    for (const excluded of config.files.filter((f) => f.startsWith('!'))) {
      expect(excluded).not.toMatch(/knowledge/);
    }
    expect(JSON.stringify(config.extraResources ?? [])).not.toMatch(/knowledge/);
    expect(JSON.stringify(config.extraFiles ?? [])).not.toMatch(/knowledge/);
    expect(config.asarUnpack.join(' ')).not.toMatch(/knowledge|dist/);
    // That the build writes dist/knowledge and its record is checked by test/integration/knowledge-integrity.test.ts.
  });

  it('signs and notarises with secrets from the environment only, documented in the README', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
    // No certificate, password or Apple account in the configuration.
    for (const key of keysOf(config)) expect(key).not.toMatch(/^(cscLink|cscKeyPassword|identity|password|appleId|teamId|keychain)/i);
    expect(configText).not.toMatch(/-----BEGIN|\.p12\b|\.pfx\b|@[a-z0-9-]+\.[a-z]{2,}/i);
    const signing = readme.slice(readme.indexOf('## Signing and notarisation'));
    expect(signing.length).toBeLessThan(readme.length);
    for (const variable of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']) {
      expect(signing.slice(0, signing.indexOf('\n## ', 3))).toContain(`\`${variable}\``);
    }
    // The hardened runtime blocks the microphone without its entitlement: calls would have no audio.
    const entitlements = fs.readFileSync(path.join(repoRoot, config.mac.entitlements), 'utf8');
    expect(entitlements).toContain('<key>com.apple.security.device.audio-input</key>');
    expect(entitlements).not.toContain('disable-library-validation');
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
  });

  it('offers a per-machine Windows install (the installer asks, elevating when needed; /allusers when silent)', () => {
    // Assisted installer with perMachine false: the install-mode page ("Anyone who uses this computer" / "Only for me").
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(readme).toContain('/allusers');
  });
});
