export { EmergencyPane } from './EmergencyPane';
