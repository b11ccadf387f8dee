export { CiStatusCard } from './CiStatusCard';
