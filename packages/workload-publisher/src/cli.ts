// The entry point of the self-contained bundle (`yarn workspace @openchoreo-ci/workload-publisher
// bundle`): runs the CLI with the process's arguments and sets the exit code.
import { main } from './main';

main(process.argv.slice(2)).then(code => {
  process.exitCode = code;
});
