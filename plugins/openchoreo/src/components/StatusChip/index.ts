export { StatusChip, isInProgress } from './StatusChip';
export type { BuildStatus } from './StatusChip';
