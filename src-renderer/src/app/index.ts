export { App, AppRoot } from './App';
export type { AppProps } from './App';
export { carelineTheme } from './theme';
export { INTERACTIVE_MARK, markInteractive } from './interactiveMark';
