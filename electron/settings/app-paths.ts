import { homedir } from 'node:os';
import { join } from 'node:path';

/** The name Electron gives the app's folder: package.json's productName. */
export const APP_FOLDER_NAME = 'DealPOS Label Desk';

/**
 * The folder Electron's `app.getPath('userData')` returns for this app, computed without Electron so
 * the command line and the desktop app share settings. `DEALPOS_LABELS_HOME` replaces it (tests, kiosks).
 */
export function userDataFolder(
  environment: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const override = environment.DEALPOS_LABELS_HOME;
  if (override !== undefined && override !== '') {
    return override;
  }
  const home = environment.HOME ?? homedir();
  if (platform === 'win32') {
    return join(environment.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  }
  if (platform === 'darwin') {
    return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  }
  const configHome = environment.XDG_CONFIG_HOME;
  return join(
    configHome !== undefined && configHome !== '' ? configHome : join(home, '.config'),
    APP_FOLDER_NAME,
  );
}
