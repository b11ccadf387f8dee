import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The entity's Builds tab; `?run=<name>` opens one build. */
export const buildsRouteRef = createRouteRef();
