/**
 * Preload (sandboxed): exposes `window.careline`, built from the contract, and nothing else. The renderer
 * never sees ipcRenderer; it can only name channels the contract knows.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createCarelineApi } from './carelineApi';

contextBridge.exposeInMainWorld('careline', createCarelineApi(ipcRenderer));
