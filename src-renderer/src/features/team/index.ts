export { TeamPanel, backlogText } from './TeamPanel';
export { useTeamView } from './useTeamView';
