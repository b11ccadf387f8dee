import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

configure({
  // Role queries skip the accessibility-tree visibility check: in jsdom it calls
  // getComputedStyle on every ancestor of every candidate, which with MUI's styles costs
  // 0.3-0.7 s per query and brought tests near their time-out in a full run.
  defaultHidden: true,
  // Lazy extension loaders and first renders can exceed the 1 s default of `findBy*` and
  // `waitFor` on a loaded machine. A wait that succeeds returns as soon as its element is
  // there, so this only changes how long a failing wait takes to fail.
  asyncUtilTimeout: 3000,
});
