/**
 * Electron main-process entry: lifecycle only. The composition root is bootstrap.ts; everything that
 * touches the `electron` module lives in ./electron/.
 */
import { startDesktopApp } from './electron/desktopApp';

void startDesktopApp();
