#!/usr/bin/env node
// Waits until a URL answers (any HTTP status), or fails after the given number of seconds.
const [url, seconds = '60'] = process.argv.slice(2);
const deadline = Date.now() + Number(seconds) * 1000;

(async () => {
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      if (Date.now() > deadline) {
        console.error(`${url} did not answer within ${seconds}s`);
        process.exit(1);
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }
})();
