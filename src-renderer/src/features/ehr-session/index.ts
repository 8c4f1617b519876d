export { EhrSessionControl } from './EhrSessionControl';
