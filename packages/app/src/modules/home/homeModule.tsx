import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Welcome to the OpenChoreo developer portal

- **Find your components**: the [Catalog](/catalog) lists the projects and components of
  your OpenChoreo namespaces.
- **Create a component**: [Create](/create) opens the component wizard, where you choose how
  it is built: an OpenChoreo built-in CI workflow, or External CI (Jenkins, GitHub Actions,
  GitLab CI) that publishes a Workload to the OpenChoreo API.
- **Follow builds**: a component's page shows its latest WorkflowRun or Jenkins build, with
  the full history in the Builds and Jenkins tabs.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting Started',
    description: 'What this portal does and where to start',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
