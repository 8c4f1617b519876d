export { ChartBanner, ChartPane, EncounterList } from './ChartPane';
