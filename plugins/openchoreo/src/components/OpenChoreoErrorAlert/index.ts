export { OpenChoreoErrorAlert } from './OpenChoreoErrorAlert';
export { OpenChoreoErrorPanel } from './OpenChoreoErrorPanel';
