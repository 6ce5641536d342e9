/**
 * The HelpDeskEddy sandbox's directory data: organizations (TSSDK's fields, §2.1 [C1]), notes on
 * users and organizations, custom fields of the three scopes with their options, the knowledge
 * base, and each user's status log. Kept apart from tickets so each file holds one concept.
 */
import {
  seedCustomFields,
  seedKnowledgeBase,
  seedOptions,
  type CustomFieldRec,
  type FieldScope,
  type KbArticleRec,
  type KbCategoryRec,
  type Names,
  type OptionRec,
} from './seed-data.js';

export interface OrganizationRec {
  id: number;
  name: string;
  domains: string;
  address: string;
  phone: string;
  email: string;
  web: string;
  minuteLimit: number;
  employees: number[];
  managers: number[];
  customFields: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export interface NoteRec {
  id: number;
  owner: 'users' | 'organizations';
  ownerId: number;
  creatorId: number;
  text: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A change of a staff member's presence status (`user_status`), for `/users/{id}/statuses_log/`. */
export interface StatusLogRec {
  id: number;
  userId: number;
  statusId: number;
  createdAt: Date;
}

export class Directory {
  organizations: OrganizationRec[] = [];
  notes: NoteRec[] = [];
  fields: CustomFieldRec[] = seedCustomFields();
  options: OptionRec[] = seedOptions();
  categories: KbCategoryRec[];
  articles: KbArticleRec[];
  statusLog: StatusLogRec[] = [];
  private nextOrganization = 1;
  private nextNote = 1;
  private nextOption = 100;
  private nextStatusLog = 1;

  constructor(private readonly now: () => Date) {
    const kb = seedKnowledgeBase();
    this.categories = kb.categories;
    this.articles = kb.articles;
  }

  organization(id: number): OrganizationRec | undefined {
    return this.organizations.find((o) => o.id === id);
  }

  organizationByName(name: string): OrganizationRec | undefined {
    const wanted = name.trim().toLowerCase();
    return this.organizations.find((o) => o.name.toLowerCase() === wanted);
  }

  addOrganization(
    input: Partial<Omit<OrganizationRec, 'id' | 'createdAt' | 'updatedAt'>> & { name: string },
  ): OrganizationRec {
    const at = this.now();
    const org: OrganizationRec = {
      domains: '',
      address: '',
      phone: '',
      email: '',
      web: '',
      minuteLimit: 0,
      employees: [],
      managers: [],
      customFields: {},
      ...input,
      id: this.nextOrganization++,
      createdAt: at,
      updatedAt: at,
    };
    this.organizations.push(org);
    return org;
  }

  removeOrganization(org: OrganizationRec): void {
    this.organizations = this.organizations.filter((o) => o !== org);
    this.notes = this.notes.filter((n) => !(n.owner === 'organizations' && n.ownerId === org.id));
  }

  notesOf(owner: NoteRec['owner'], ownerId: number): NoteRec[] {
    return this.notes.filter((n) => n.owner === owner && n.ownerId === ownerId).sort((a, b) => b.id - a.id);
  }

  addNote(owner: NoteRec['owner'], ownerId: number, creatorId: number, text: string): NoteRec {
    const at = this.now();
    const note: NoteRec = { id: this.nextNote++, owner, ownerId, creatorId, text, createdAt: at, updatedAt: at };
    this.notes.push(note);
    return note;
  }

  removeNote(note: NoteRec): void {
    this.notes = this.notes.filter((n) => n !== note);
  }

  /** A deleted user leaves the organizations' member lists and takes their notes along. */
  forgetUser(userId: number): void {
    for (const org of this.organizations) {
      org.employees = org.employees.filter((id) => id !== userId);
      org.managers = org.managers.filter((id) => id !== userId);
    }
    this.notes = this.notes.filter((n) => !(n.owner === 'users' && n.ownerId === userId));
    this.statusLog = this.statusLog.filter((s) => s.userId !== userId);
  }

  fieldsOf(scope: FieldScope): CustomFieldRec[] {
    return this.fields.filter((f) => f.scope === scope);
  }

  field(scope: FieldScope, id: number): CustomFieldRec | undefined {
    return this.fields.find((f) => f.scope === scope && f.id === id);
  }

  optionsOf(fieldId: number): OptionRec[] {
    return this.options.filter((o) => o.fieldId === fieldId).sort((a, b) => a.id - b.id);
  }

  /** Adds an option, or renames the one with that id (the POST is an upsert, §2.1 [C+]). */
  upsertOption(fieldId: number, input: { id?: number; pid?: number; name: Names }): OptionRec {
    const existing =
      input.id !== undefined ? this.options.find((o) => o.fieldId === fieldId && o.id === input.id) : undefined;
    if (existing) {
      existing.name = input.name;
      if (input.pid !== undefined) existing.pid = input.pid;
      return existing;
    }
    const option: OptionRec = { id: input.id ?? this.nextOption++, fieldId, pid: input.pid ?? 0, name: input.name };
    if (option.id >= this.nextOption) this.nextOption = option.id + 1;
    this.options.push(option);
    return option;
  }

  /** Removes an option and its descendants (a hierarchy's lower levels). */
  removeOption(option: OptionRec): void {
    const gone = new Set([option.id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const o of this.options) {
        if (o.fieldId === option.fieldId && gone.has(o.pid) && !gone.has(o.id)) {
          gone.add(o.id);
          grew = true;
        }
      }
    }
    this.options = this.options.filter((o) => !(o.fieldId === option.fieldId && gone.has(o.id)));
  }

  logStatus(userId: number, statusId: number): void {
    this.statusLog.push({ id: this.nextStatusLog++, userId, statusId, createdAt: this.now() });
  }
}
