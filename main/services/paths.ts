import os from 'node:os';
import path from 'node:path';

export const productName = 'Ambassador Desk';

/** Where Electron puts userData for this app; the browser host uses the same folder so both share one cache. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.DESK_DATA_DIR) return path.resolve(env.DESK_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', productName);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), productName);
}
