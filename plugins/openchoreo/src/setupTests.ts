import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Role queries skip the accessibility-tree visibility check: in jsdom it calls
// getComputedStyle on every ancestor of every candidate, which with MUI's styles costs
// 0.3-0.7 s per query and brought tests near their time-out in a full run.
configure({ defaultHidden: true });
