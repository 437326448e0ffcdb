// Issue 15, point 3: the page reaches only files the user chose or allowed, and only regular files are read.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importHandlers } from '../../main/handlers/import';
import { dispatch, type Registry } from '../../main/handlers/registry';
import { openDatabase } from '../../main/services/db/open';
import { importRootsAccess, isNetworkPath, pickedPathsAccess, resolveImportRoots } from '../../main/services/import/access';
import { runImport, type ImportSummary } from '../../main/services/import/run';
import type { ImportService } from '../../main/services/import/service';
import { openRegularFile, planFiles } from '../../main/services/import/sources';
import type { ImportJobInput } from '../../main/services/import/worker-protocol';
import { tempDir } from '../support/tmp';

const posix = process.platform !== 'win32';
const patientLine = (id: string) => JSON.stringify({ resourceType: 'Patient', id, name: [{ family: 'Access', given: [id] }] });

/** Imports `paths` into a fresh cache; returns the summary, the report's text and how long it took. */
async function importPaths(paths: string[], roots?: string[]): Promise<{ s: ImportSummary; report: string; ms: number }> {
  const dir = tempDir();
  const { db } = openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) });
  const reportFile = path.join(dir, 'report.txt');
  const started = Date.now();
  try {
    const s = await runImport(db, { paths, ...(roots ? { roots } : {}) }, { reportFile });
    return { s, report: fs.readFileSync(reportFile, 'utf8'), ms: Date.now() - started };
  } finally {
    db.close();
  }
}

const messageFor = (s: ImportSummary, file: string) => s.firstMessages.find((m) => m.file === file)?.message;

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  vi.restoreAllMocks();
});

describe.runIf(posix)('only regular files are read', () => {
  it('refuses a named pipe (FIFO) with the reason, at once, given itself or found in a folder', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'Patient.ndjson');
    execFileSync('mkfifo', [fifo]);
    fs.writeFileSync(path.join(dir, 'Observation.ndjson'), '');
    const direct = await importPaths([fifo]);
    expect(direct.s.rejected).toBe(1);
    expect(messageFor(direct.s, fifo)).toBe('is a named pipe (FIFO), not a file: reading it would wait for another program forever; not read');
    expect(direct.report).toContain(`ERROR ${fifo} file: is a named pipe (FIFO)`);
    // Opening it would have waited for a writer for ever.
    expect(direct.ms).toBeLessThan(5000);
    const inFolder = await importPaths([dir]);
    expect(messageFor(inFolder.s, fifo)).toMatch(/^is a named pipe \(FIFO\)/);
  });

  it('refuses a socket with the reason', async () => {
    const dir = tempDir();
    const socket = path.join(dir, 'export.json');
    const server = net.createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    expect(fs.statSync(socket).isSocket()).toBe(true);
    const { s } = await importPaths([socket]);
    expect(s.rejected).toBe(1);
    expect(messageFor(s, socket)).toBe('is a socket, not a file; not read');
  });

  it('refuses devices such as /dev/null and /dev/zero (which never ends) at once', async () => {
    const { s, ms } = await importPaths(['/dev/zero', '/dev/null']);
    expect(s.rejected).toBe(2);
    for (const device of ['/dev/zero', '/dev/null'])
      expect(messageFor(s, device)).toBe('is a device, not a file (a device such as /dev/zero never ends); not read');
    expect(s.read).toBe(0);
    expect(ms).toBeLessThan(5000);
  });

  it('refuses a file swapped for a pipe after it was planned: the check is on what was opened', () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'late.ndjson');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    expect(() => openRegularFile(fifo)).toThrow(/is not a regular file/);
    expect(() => openRegularFile('/dev/zero')).toThrow(/is not a regular file/);
    expect(Date.now() - started).toBeLessThan(1000);
    fs.writeFileSync(path.join(dir, 'a.ndjson'), patientLine('x'));
    fs.closeSync(openRegularFile(path.join(dir, 'a.ndjson')));
  });

  it('refuses symbolic link loops: a link that leads back to itself, and a link back to a folder being read', async () => {
    const dir = tempDir();
    fs.symlinkSync(path.join(dir, 'b.json'), path.join(dir, 'a.json'));
    fs.symlinkSync(path.join(dir, 'a.json'), path.join(dir, 'b.json'));
    const loops = await importPaths([path.join(dir, 'a.json')]);
    expect(messageFor(loops.s, path.join(dir, 'a.json'))).toBe('is a symbolic link loop (it leads back to itself); not read');

    const exportDir = path.join(dir, 'export');
    fs.mkdirSync(path.join(exportDir, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(exportDir, 'sub', 'Patient.ndjson'), patientLine('looped-1'));
    fs.symlinkSync(exportDir, path.join(exportDir, 'sub', 'up'));
    const { s, ms } = await importPaths([exportDir]);
    expect(s.imported).toBe(1);
    expect(messageFor(s, path.join(exportDir, 'sub', 'up'))).toBe('is a link back to a folder that is already being read (a symbolic link loop); not followed');
    expect(ms).toBeLessThan(5000);
  });
});

describe('network (UNC) paths', () => {
  const unc = ['\\\\server\\share\\export', '//server/share/export', '\\\\?\\UNC\\server\\share\\x.json', '\\\\.\\pipe\\desk'];

  it('are recognised in every spelling, and local paths are not', () => {
    for (const p of unc) expect(isNetworkPath(p)).toBe(true);
    for (const p of ['/home/agent/export', 'C:\\exports\\fhir', 'export\\\\x', '\\exports']) expect(isNetworkPath(p)).toBe(false);
  });

  it('are refused by the import with the reason, without touching the file system', async () => {
    const stat = vi.spyOn(fs, 'statSync');
    const { files, problems } = planFiles(unc);
    expect(files).toEqual([]);
    expect(problems.map((p) => [p.file, p.message])).toEqual(
      unc.map((p) => [
        p,
        'is a network (UNC) or device path such as \\\\server\\share or //server/share; copy the files to a folder on this computer and import them from there; not read',
      ]),
    );
    expect(stat).not.toHaveBeenCalled();
  });

  it('are refused by the page’s import.start in the browser host and in Electron, even when the dialog returned one', () => {
    const roots = importRootsAccess([tempDir()]);
    expect(() => roots.admit(['//server/share/export'])).toThrow(
      '//server/share/export is a network (UNC) or device path such as \\\\server\\share or //server/share; copy the files to a folder on this computer and import them from there.',
    );
    const picked = pickedPathsAccess();
    picked.picked(['\\\\server\\share\\export']);
    expect(() => picked.admit(['\\\\server\\share\\export'])).toThrow(/is a network \(UNC\) or device path/);
  });
});

describe('a folder’s names are not listed', () => {
  it('reports files it imported or rejected, and counts the other files of a folder without naming them', async () => {
    const dir = tempDir();
    const exportDir = path.join(dir, 'export');
    fs.mkdirSync(path.join(exportDir, 'private'), { recursive: true });
    fs.writeFileSync(path.join(exportDir, 'Patient.ndjson'), [patientLine('listed-1'), '{"resourceType": "Patient", "id": '].join('\n'));
    fs.writeFileSync(path.join(exportDir, 'divorce-papers.pdf'), '%PDF-1.7 not fhir');
    fs.writeFileSync(path.join(exportDir, 'private', 'salary.txt'), 'not fhir');
    fs.writeFileSync(path.join(exportDir, 'private', 'DIAGNOSIS-NOTES'), 'plain text without an extension');
    fs.writeFileSync(path.join(exportDir, '.hidden-patient.ndjson'), patientLine('hidden'));
    const { s, report } = await importPaths([exportDir]);
    expect(s.imported).toBe(1);
    expect(s.rejected).toBe(1);
    expect(s.skipped).toBe(3);
    const everything = `${report}\n${JSON.stringify(s)}`;
    for (const name of ['divorce-papers', 'salary', 'DIAGNOSIS-NOTES', 'private', 'hidden']) expect(everything).not.toContain(name);
    expect(report).toContain(`ERROR ${path.join(exportDir, 'Patient.ndjson')} line 2: not valid JSON`);
    expect(report).toContain(
      `SKIPPED ${exportDir} folder (3 other files): not FHIR JSON or NDJSON (by name or first bytes), so not read; their names are not listed`,
    );
    expect(s.reasons).toContainEqual({
      severity: 'skipped',
      message: 'not FHIR JSON or NDJSON (by name or first bytes), so not read; their names are not listed',
      count: 3,
    });
  });

  it('still names a file that was asked for by name and is not FHIR data', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'not fhir');
    const { s } = await importPaths([file]);
    expect(messageFor(s, file)).toBe('not FHIR JSON or NDJSON (by its name or its first bytes)');
  });
});

describe('the folders the browser host may import from (--import-root)', () => {
  it('refuses a path outside them, naming the path, the allowed folders and how to allow another', () => {
    const root = fs.realpathSync(tempDir());
    const access = importRootsAccess([root]);
    expect(access.roots()).toEqual([root]);
    const outside = path.join(os.tmpdir(), `elsewhere-${crypto.randomUUID()}`, 'export.json');
    expect(() => access.admit([outside])).toThrow(
      `${outside} is outside the folders this desk may import from (${root}); to allow another folder, start the desk with --import-root <folder>.`,
    );
    // "..", a sibling sharing the name's start, and a relative path are outside too.
    expect(() => access.admit([path.join(root, '..', 'x.json')])).toThrow(/is outside the folders/);
    expect(() => access.admit([`${root}-sibling/x.json`])).toThrow(/is outside the folders/);
    expect(() => access.admit(['export/x.json'])).toThrow('export/x.json is not a full path: give the whole path');
    // Inside: admitted (whether it exists yet or not: the import reports a missing one).
    expect(access.admit([root, path.join(root, 'sub', 'x.json')])).toEqual({ roots: [root] });
  });

  it.runIf(posix)('refuses a link inside them that leads outside, in the request and while reading a folder', async () => {
    const root = fs.realpathSync(tempDir());
    const secret = path.join(fs.realpathSync(tempDir()), 'Patient.ndjson');
    fs.writeFileSync(secret, patientLine('outside-1'));
    fs.mkdirSync(path.join(root, 'export'));
    fs.writeFileSync(path.join(root, 'export', 'Patient.ndjson'), patientLine('inside-1'));
    fs.symlinkSync(secret, path.join(root, 'export', 'Linked.ndjson'));
    fs.symlinkSync(path.dirname(secret), path.join(root, 'export', 'linked-folder'));
    const access = importRootsAccess([root]);
    expect(() => access.admit([path.join(root, 'export', 'Linked.ndjson')])).toThrow(
      `${path.join(root, 'export', 'Linked.ndjson')} is a link that leads outside the folders this desk may import from.`,
    );
    const { roots } = access.admit([path.join(root, 'export')]);
    const { s, report } = await importPaths([path.join(root, 'export')], roots);
    expect(s.imported).toBe(1);
    expect(s.rejected).toBe(2);
    for (const link of ['Linked.ndjson', 'linked-folder']) {
      expect(messageFor(s, path.join(root, 'export', link))).toBe('leads outside the folders this desk may import from; not read');
    }
    expect(report).not.toContain(path.dirname(secret));
  });

  it('checks the folders given at start: each must be an existing folder; the default is the home folder', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'file.json'), '{}');
    expect(resolveImportRoots([dir, dir])).toEqual([fs.realpathSync(dir)]);
    expect(() => resolveImportRoots([path.join(dir, 'missing')])).toThrow(`--import-root ${path.join(dir, 'missing')} cannot be used (ENOENT)`);
    expect(() => resolveImportRoots([path.join(dir, 'file.json')])).toThrow(`--import-root ${path.join(dir, 'file.json')} is not a folder`);
    expect(() => resolveImportRoots(['//server/share'])).toThrow(/is a network \(UNC\) or device path/);
    // The handlers' default without a dialog: the user's home folder.
    const started: ImportJobInput[] = [];
    const registry = registryOf(undefined, started);
    return dispatch(registry, 'import.pickPaths', {}, () => {}).then((reply) => {
      expect(reply).toEqual({ ok: true, value: { supported: false, paths: [], roots: [os.homedir()] } });
    });
  });
});

function registryOf(pickPaths: (() => Promise<string[]>) | undefined, started: ImportJobInput[], access?: ReturnType<typeof pickedPathsAccess>): Registry {
  const imports: ImportService = {
    start: (input) => (started.push(input), 'job-1'),
    cancel: () => false,
    report: () => ({ fileName: 'r.txt', text: '' }),
    status: () => ({ running: null, last: null }),
    idle: async () => {},
  };
  return new Map(importHandlers({ imports, pickPaths, ...(access ? { importAccess: access } : {}) }).map((r) => [r.channel.name, r]));
}

describe('Electron: only what the system file dialog returned', () => {
  it('refuses a path the page typed or made up, and takes the paths main’s own dialog returned in this session', async () => {
    const dir = fs.realpathSync(tempDir());
    const chosen = path.join(dir, 'export');
    fs.mkdirSync(chosen);
    const started: ImportJobInput[] = [];
    let dialogAnswer = [chosen];
    const registry = registryOf(async () => dialogAnswer, started);
    const log = () => {};

    // Before the dialog: nothing may be imported, not even a path the user would have picked.
    expect(await dispatch(registry, 'import.start', { paths: [chosen] }, log)).toEqual({
      ok: false,
      error: { code: 'failed', message: `${chosen} was not chosen in the file dialog: use “Import FHIR data…” and choose the files or folders there.` },
    });
    expect(await dispatch(registry, 'import.pickPaths', {}, log)).toEqual({ ok: true, value: { supported: true, paths: [chosen] } });
    expect(await dispatch(registry, 'import.start', { paths: [chosen] }, log)).toEqual({ ok: true, value: { jobId: 'job-1' } });
    expect(started).toEqual([{ paths: [chosen], roots: [chosen] }]);

    // Anything else (another file, a folder above, /etc/passwd) is still refused, with the chosen one beside it too.
    for (const other of [path.join(chosen, '..'), '/etc/passwd', path.join(chosen, 'Patient.ndjson')]) {
      const reply = await dispatch(registry, 'import.start', { paths: [chosen, other] }, log);
      expect(reply).toMatchObject({
        ok: false,
        error: { message: `${other} was not chosen in the file dialog: use “Import FHIR data…” and choose the files or folders there.` },
      });
    }
    expect(started).toHaveLength(1);

    // A dialog cancelled later takes nothing away from what was chosen before in this session.
    dialogAnswer = [];
    expect(await dispatch(registry, 'import.pickPaths', {}, log)).toEqual({ ok: true, value: { supported: true, paths: [] } });
    expect(await dispatch(registry, 'import.start', { paths: [chosen] }, log)).toMatchObject({ ok: true });
  });

  it.runIf(posix)('reads a chosen folder but not what a link in it leads to outside it', async () => {
    const chosen = fs.realpathSync(tempDir());
    const elsewhere = fs.realpathSync(tempDir());
    fs.writeFileSync(path.join(elsewhere, 'Patient.ndjson'), patientLine('not-chosen'));
    fs.writeFileSync(path.join(chosen, 'Patient.ndjson'), patientLine('chosen'));
    fs.symlinkSync(path.join(elsewhere, 'Patient.ndjson'), path.join(chosen, 'Other.ndjson'));
    const access = pickedPathsAccess();
    access.picked([chosen]);
    const { s } = await importPaths([chosen], access.admit([chosen]).roots);
    expect(s.imported).toBe(1);
    expect(messageFor(s, path.join(chosen, 'Other.ndjson'))).toBe('leads outside the folders this desk may import from; not read');
  });
});
