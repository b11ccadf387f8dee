export { PublishSnippet } from './PublishSnippet';
