export { BuildWithOptionsButton, RunActions } from './BuildActionButtons';
export { BuildWithOptionsDialog } from './BuildWithOptionsDialog';
export { CancelBuildDialog } from './CancelBuildDialog';
export { RerunDialog } from './RerunDialog';
