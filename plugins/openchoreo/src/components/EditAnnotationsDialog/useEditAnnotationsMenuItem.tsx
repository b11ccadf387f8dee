import { stringifyEntityRef } from '@backstage/catalog-model';
import { dialogApiRef, useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef, useAsyncEntity } from '@backstage/plugin-catalog-react';
import { isReservedAnnotation } from '@openchoreo-ci/plugin-openchoreo-common';
import { useComponentActions } from '../../hooks/useComponentActions';
import { getComponentRef } from '../../utils/entity';
import { EditAnnotationsDialog } from './EditAnnotationsDialog';
import { waitForEntityAnnotations } from './waitForEntityAnnotations';

/**
 * Props of the "Edit Annotations" context-menu item: opens the dialog for the current entity.
 * When the user may not edit (the portal's policy or OpenChoreo refuses it), the dialog opens
 * read-only and says why.
 */
export function useEditAnnotationsMenuItem() {
  const { entity, refresh } = useAsyncEntity();
  const dialogApi = useApi(dialogApiRef);
  const catalogApi = useApi(catalogApiRef);
  const componentRef = entity ? getComponentRef(entity) : undefined;
  const { editAnnotations } = useComponentActions(componentRef);
  const { allowed, loading, reason } = editAnnotations;
  return {
    title:
      allowed || loading ? 'Edit Annotations' : 'Edit Annotations (read-only)',
    disabled: !componentRef || loading,
    onClick: () => {
      if (!componentRef) return;
      dialogApi.open(({ dialog }) => (
        <EditAnnotationsDialog
          open
          componentRef={componentRef}
          canEdit={allowed}
          refusedReason={reason}
          onClose={() => dialog.close()}
          onSaved={async saved => {
            // Refresh once the catalog has the new annotations (and has dropped the removed
            // ones), so the CI card switches.
            const removed = Object.keys(
              entity?.metadata.annotations ?? {},
            ).filter(
              key => !isReservedAnnotation(key) && !(key in saved.annotations),
            );
            await waitForEntityAnnotations(
              catalogApi,
              stringifyEntityRef(entity!),
              saved.annotations,
              { removed },
            );
            refresh?.();
          }}
        />
      ));
    },
  };
}
