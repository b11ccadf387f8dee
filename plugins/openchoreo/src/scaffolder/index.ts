import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';

const projectPickerField = FormFieldBlueprint.make({
  name: 'openchoreo-project-picker',
  params: {
    field: () =>
      import('./fields/OpenChoreoProjectPicker').then(m =>
        createFormField({
          name: 'OpenChoreoProjectPicker',
          component: m.OpenChoreoProjectPicker,
          validation: (value, validation) => {
            if (value && (!value.namespace || !value.project)) {
              validation.addError('Choose a namespace and a project.');
            }
          },
        }),
      ),
  },
});

const componentTypePickerField = FormFieldBlueprint.make({
  name: 'openchoreo-component-type-picker',
  params: {
    field: () =>
      import('./fields/OpenChoreoComponentTypePicker').then(m =>
        createFormField({
          name: 'OpenChoreoComponentTypePicker',
          component: m.OpenChoreoComponentTypePicker,
        }),
      ),
  },
});

const deploymentSourceField = FormFieldBlueprint.make({
  name: 'openchoreo-deployment-source',
  params: {
    field: () =>
      import('./fields/OpenChoreoDeploymentSource').then(m =>
        createFormField({
          name: 'OpenChoreoDeploymentSource',
          component: m.OpenChoreoDeploymentSource,
          validation: m.validateDeploymentSource,
        }),
      ),
  },
});

const userTokenField = FormFieldBlueprint.make({
  name: 'openchoreo-user-token',
  params: {
    field: () =>
      import('./fields/OpenChoreoUserToken').then(m =>
        createFormField({
          name: 'OpenChoreoUserToken',
          component: m.OpenChoreoUserToken,
        }),
      ),
  },
});

/** The component creation wizard's form fields, as a scaffolder frontend module. */
export const openchoreoScaffolderFieldsModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [
    projectPickerField,
    componentTypePickerField,
    deploymentSourceField,
    userTokenField,
  ],
});
