export interface Config {
  permission?: {
    /**
     * Groups whose members may create, update and delete through the portal (entity refs or
     * plain group names in the default namespace). When unset, every signed-in user may.
     */
    writerGroups?: string[];
  };
}
