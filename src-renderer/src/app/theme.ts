import { createTheme, type MantineColorsTuple } from '@mantine/core';

/**
 * A calm clinical palette: a deep slate-teal primary (trust, low arousal on a screen watched all shift),
 * neutral surfaces, and the urgency colours (red/orange/yellow/blue/green) left at full strength so that
 * dispositions are the loudest thing on screen. System fonts only: the CSP allows no remote fonts.
 */
const careline: MantineColorsTuple = [
  '#e9f6f7',
  '#d5e9ec',
  '#a8d2d8',
  '#78bac3',
  '#52a6b1',
  '#3999a6',
  '#2a92a0',
  '#1b7e8b',
  '#0b707c',
  '#00606b',
];

export const carelineTheme = createTheme({
  primaryColor: 'careline',
  primaryShade: { light: 8, dark: 6 },
  colors: { careline },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "Cascadia Mono", "DejaVu Sans Mono", Menlo, monospace',
  headings: { fontWeight: '600' },
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
  autoContrast: true,
  components: {
    Button: { defaultProps: { size: 'sm' } },
    Paper: { defaultProps: { withBorder: true, radius: 'sm' } },
    Card: { defaultProps: { withBorder: true, radius: 'sm' } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
    Badge: { defaultProps: { radius: 'sm' } },
  },
});
