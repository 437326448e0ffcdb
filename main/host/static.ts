import fs from 'node:fs';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

export interface StaticOptions {
  /**
   * Serve source maps (default: yes). When no, only files of the types above are served: a map is not one of them,
   * whatever its spelling (.MAP, a trailing dot, an NTFS stream name).
   */
  sourceMaps?: boolean;
}

/** Resolves a URL path inside root (never outside it); '/' is index.html. Undefined when there is no such file. */
export function readStatic(root: string, urlPath: string, options: StaticOptions = {}): StaticFile | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) return undefined;
  if (options.sourceMaps === false && !Object.hasOwn(types, path.extname(file))) return undefined;
  try {
    if (!fs.statSync(file).isFile()) return undefined;
    return { body: fs.readFileSync(file), contentType: types[path.extname(file)] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}
