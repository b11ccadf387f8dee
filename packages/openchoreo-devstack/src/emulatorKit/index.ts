// Pieces shared by the GitHub and GitLab emulators.
export { listen, type ListeningApp } from './listen';
export { linkHeader, pageOf, pageUrl, type Page } from './paging';
export { Timers } from './timers';
export { isoSeconds, isoMillis, minutesBefore } from './time';
export { pseudoSha } from './pseudoSha';
export { htmlPage } from './htmlPage';
export { bodyText, rateLimitControl, refuse } from './control';
