import { stringifyEntityRef } from '@backstage/catalog-model';
import { dialogApiRef, useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef, useAsyncEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  isReservedAnnotation,
  openchoreoAnnotationsUpdatePermission,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { getComponentRef } from '../../utils/entity';
import { EditAnnotationsDialog } from './EditAnnotationsDialog';
import { waitForEntityAnnotations } from './waitForEntityAnnotations';

/** Props of the "Edit Annotations" context-menu item: opens the dialog for the current entity. */
export function useEditAnnotationsMenuItem() {
  const { entity, refresh } = useAsyncEntity();
  const dialogApi = useApi(dialogApiRef);
  const catalogApi = useApi(catalogApiRef);
  const { allowed, loading } = usePermission({
    permission: openchoreoAnnotationsUpdatePermission,
    resourceRef: entity ? stringifyEntityRef(entity) : undefined,
  });
  const componentRef = entity ? getComponentRef(entity) : undefined;
  return {
    title:
      allowed || loading
        ? 'Edit Annotations'
        : 'Edit Annotations (no permission)',
    disabled: !componentRef || loading || !allowed,
    onClick: () => {
      if (!componentRef) return;
      dialogApi.open(({ dialog }) => (
        <EditAnnotationsDialog
          open
          componentRef={componentRef}
          canEdit={allowed}
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
