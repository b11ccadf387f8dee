export { EditAnnotationsDialog } from './EditAnnotationsDialog';
export { useEditAnnotationsMenuItem } from './useEditAnnotationsMenuItem';
