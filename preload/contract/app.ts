import { z } from 'zod';
import { channel } from './channel';

export const AppMode = z.enum(['electron', 'browser-host']);
export type AppMode = z.infer<typeof AppMode>;

export const DatabaseStatus = z.object({
  path: z.string(),
  schemaVersion: z.number().int(),
  encrypted: z.boolean(),
  /** Set when the database found at start could not be used and was moved aside. */
  setAside: z.object({ reason: z.string(), movedTo: z.string() }).optional(),
});
export type DatabaseStatus = z.infer<typeof DatabaseStatus>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: AppMode,
  dataDir: z.string(),
  database: DatabaseStatus,
  /** Plain sentences the agent should see once: a settings file or database that was set aside, etc. */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appChannels = {
  info: channel('app.info', z.object({}).strict(), AppInfo),
};
