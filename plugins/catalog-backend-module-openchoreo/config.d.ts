import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  openchoreo?: {
    /** The catalog entity provider (`@openchoreo-ci/plugin-catalog-backend-module-openchoreo`). */
    catalog?: {
      /**
       * When the full sync runs; defaults to every 5 minutes with a 3-minute timeout.
       * Production takes the frequency from OPENCHOREO_CATALOG_SYNC_FREQUENCY (seconds).
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Entity ref of the owner of every ingested entity; defaults to `group:default/developers`. */
      defaultOwner?: string;
      /**
       * Whether the provider also emits the Group (or User) entity `defaultOwner` names, so the
       * owner exists in the catalog; defaults to true. Set false when another source (e.g. the
       * organisation's users and groups) already provides that entity.
       */
      defaultOwnerEntity?: boolean;
      /** `spec.lifecycle` of ingested components; defaults to `production`. */
      defaultLifecycle?: string;
    };
    /** OpenChoreo's event forwarder (`enabled` is read by `@openchoreo-ci/plugin-openchoreo-node`). */
    events?: {
      /**
       * The shared secret every post to `/api/events/http/openchoreo` must carry, as
       * `Authorization: Bearer <secret>` or Basic authorization with the secret as password
       * (the forwarder's endpoint URL `https://openchoreo:<secret>@portal/...`). Required when
       * `openchoreo.events.enabled`. Production: OPENCHOREO_EVENTS_SECRET.
       * @visibility secret
       */
      secret?: string;
      /** Identical events within this many seconds cost one upstream read; default 2. */
      coalesceWindowSeconds?: number;
    };
  };
}
