import { isOpenChoreoName } from './openchoreoNames';

describe('isOpenChoreoName', () => {
  it.each(['greeting-service', 'a', '0', 'default', 'a'.repeat(63), 'x-1-y'])(
    'accepts %j',
    name => expect(isOpenChoreoName(name)).toBe(true),
  );

  it.each([
    '',
    '.',
    '..',
    'GREETING-SERVICE',
    'Greeting-service',
    'a/b',
    '../default',
    'a.b',
    '-a',
    'a-',
    'a b',
    'a\nb',
    'a'.repeat(64),
    undefined,
    null,
    42,
    ['a'],
  ])('refuses %j', name => expect(isOpenChoreoName(name)).toBe(false));
});
