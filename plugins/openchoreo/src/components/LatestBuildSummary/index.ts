export { LatestBuildSummary } from './LatestBuildSummary';
export type { LatestBuildSummaryProps } from './LatestBuildSummary';
export { CiRunStatusLabel, ciRunStatusLabel } from './CiRunStatusLabel';
