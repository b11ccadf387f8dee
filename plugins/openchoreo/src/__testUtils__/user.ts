import userEvent, {
  PointerEventsCheckLevel,
} from '@testing-library/user-event';

/**
 * user-event for this plugin's tests: no timer between steps and no pointer-events check
 * (a getComputedStyle walk up the tree per click). With them, tests of MUI views came near
 * their time-out in a full run on a loaded machine.
 */
export function setupUser() {
  return userEvent.setup({
    delay: null,
    pointerEventsCheck: PointerEventsCheckLevel.Never,
  });
}
