export { DEMO_LINE_HOTKEY, DemoLine, DemoLinePanel, ringRequest } from './DemoLine';
