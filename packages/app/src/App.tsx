import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { signInModule } from './modules/signIn';
import openchoreoPlugin, {
  openchoreoScaffolderFieldsModule,
} from '@openchoreo-ci/plugin-openchoreo';

export default createApp({
  features: [
    catalogPlugin,
    navModule,
    homeModule,
    // Listed although discovered too (app.packages: all): the sign-in page needs its auth API.
    openchoreoPlugin,
    signInModule,
    openchoreoScaffolderFieldsModule,
  ],
});
