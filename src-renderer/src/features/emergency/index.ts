export { CallerWordsFirst } from './CallerWordsFirst';
export { EmergencyPane } from './EmergencyPane';
