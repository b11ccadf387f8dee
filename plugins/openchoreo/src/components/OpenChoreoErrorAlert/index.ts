export { OpenChoreoErrorAlert } from './OpenChoreoErrorAlert';
