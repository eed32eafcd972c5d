import type { IpcError, LabelDeskApi, TemplateListItem } from '../../../../shared/ipc-contract.ts';
import { BUILT_IN_TEMPLATES, type LabelTemplate } from '../../../../shared/labels/templates.ts';
import { settle, settleValue } from '../api/call.ts';

/** The label templates main lists: the built-in ones and the clerk's custom ones. */
export class TemplatesState {
  /** Starts with the built-in templates, so the desk can lay out labels before main responds. */
  items = $state.raw<TemplateListItem[]>(BUILT_IN_TEMPLATES.map((template) => ({ template, builtIn: true })));

  readonly #api: LabelDeskApi;

  constructor(api: LabelDeskApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    this.items = await settleValue(this.#api, 'templates', () => this.#api.listTemplates(), this.items);
  }

  find(id: string): TemplateListItem | undefined {
    return this.items.find((item) => item.template.id === id);
  }

  /** Saves a custom template (new or changed); returns the error main reported, or null. */
  async save(template: LabelTemplate): Promise<IpcError | null> {
    const result = await settle(this.#api, 'templates', () => this.#api.saveTemplate(template));
    if (!result.ok) {
      return result.error;
    }
    this.items = result.value;
    return null;
  }

  /** Deletes a custom template; returns the error main reported, or null. */
  async remove(id: string): Promise<IpcError | null> {
    const result = await settle(this.#api, 'templates', () => this.#api.deleteTemplate(id));
    if (!result.ok) {
      return result.error;
    }
    this.items = result.value;
    return null;
  }
}
