import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../main/services/paths';
import { en } from '../../renderer/i18n/en';
import { es } from '../../renderer/i18n/es';

describe('data folder', () => {
  it('is the same folder Electron uses for the app, per platform, unless DESK_DATA_DIR says otherwise', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/a/.config' }, 'linux')).toBe('/home/a/.config/Ambassador Desk');
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Ambassador Desk$/);
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Ambassador Desk$/);
    expect(defaultDataDir({ DESK_DATA_DIR: '/srv/desk' }, 'linux')).toBe('/srv/desk');
  });
});

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));

describe('UI strings', () => {
  it('has every English string in Spanish, translated', () => {
    const english = new Map(leaves(en));
    const spanish = new Map(leaves(es as Tree));
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
    // Names and key labels are the same in both languages; everything else must differ.
    const sameByDesign = new Set(['app.title', 'search.shortcut']);
    const untranslated = [...english].filter(([k, v]) => !sameByDesign.has(k) && spanish.get(k) === v).map(([k]) => k);
    expect(untranslated).toEqual([]);
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort().join(',');
    const spanish = new Map(leaves(es as Tree));
    for (const [key, text] of leaves(en)) expect(placeholders(spanish.get(key)!), key).toBe(placeholders(text));
  });
});
