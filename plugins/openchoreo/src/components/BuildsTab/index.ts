export { BuildsTab } from './BuildsTab';
