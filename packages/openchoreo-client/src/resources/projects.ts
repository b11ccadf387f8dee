import { listAllPages } from '../pagination';
import { expectData, OpenChoreoHttp } from '../transport';
import type { ListAllQuery, ListQuery, Project, ProjectList } from '../types';

/** Operations on projects of a namespace. @public */
export interface ProjectsClient {
  /** Lists one page of the projects in `namespace`. */
  list(namespace: string, query?: ListQuery): Promise<ProjectList>;
  /** Lists all projects in `namespace`, following every page. */
  listAll(namespace: string, query?: ListAllQuery): Promise<Project[]>;
  /** Gets one project; rejects with a 404 `OpenChoreoApiError` if it does not exist. */
  get(namespace: string, name: string): Promise<Project>;
  /** Creates a project (409 if the name is taken). */
  create(namespace: string, project: Project): Promise<Project>;
}

export function createProjectsClient(http: OpenChoreoHttp): ProjectsClient {
  const client: ProjectsClient = {
    async list(namespace, query) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/projects',
        {
          params: { path: { namespaceName: namespace }, query },
        },
      );
      return expectData(result, `the project list of namespace "${namespace}"`);
    },
    listAll(namespace, query) {
      return listAllPages(
        `projects in namespace "${namespace}"`,
        page => client.list(namespace, page),
        query,
      );
    },
    async get(namespace, name) {
      const result = await http.GET(
        '/api/v1/namespaces/{namespaceName}/projects/{projectName}',
        { params: { path: { namespaceName: namespace, projectName: name } } },
      );
      return expectData(result, `project "${namespace}/${name}"`);
    },
    async create(namespace, project) {
      const result = await http.POST(
        '/api/v1/namespaces/{namespaceName}/projects',
        {
          params: { path: { namespaceName: namespace } },
          body: project,
        },
      );
      return expectData(
        result,
        `the created project "${project.metadata.name}"`,
      );
    },
  };
  return client;
}
