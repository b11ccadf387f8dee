import { hiddenFieldsUiSchema } from './hiddenFieldsUiSchema';

const schema = {
  type: 'object',
  properties: {
    repository: {
      type: 'object',
      properties: {
        url: { type: 'string' },
        revision: {
          type: 'object',
          properties: {
            branch: { type: 'string' },
            commit: { type: 'string' },
          },
        },
        appPath: { type: 'string' },
      },
    },
  },
};

describe('hiddenFieldsUiSchema', () => {
  it('hides an object whose every field is shown elsewhere', () => {
    expect(
      hiddenFieldsUiSchema(schema, [
        ['repository', 'revision', 'branch'],
        ['repository', 'revision', 'commit'],
      ]),
    ).toEqual({ repository: { revision: { 'ui:widget': 'hidden' } } });
  });

  it('hides only the named field when the object has others', () => {
    expect(
      hiddenFieldsUiSchema(schema, [
        undefined,
        ['repository', 'revision', 'commit'],
      ]),
    ).toEqual({
      repository: { revision: { commit: { 'ui:widget': 'hidden' } } },
    });
  });

  it('changes nothing without paths, or for paths the schema does not have', () => {
    expect(hiddenFieldsUiSchema(schema, [])).toEqual({});
    expect(hiddenFieldsUiSchema(schema, [['docker', 'context']])).toEqual({});
  });
});
