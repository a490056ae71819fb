// The properties panel for our extension fields: task role and deadline, timer values, the activity of a
// service task and its inputs, the variables a call activity passes and takes back (orc:in / orc:out), error,
// signal, escalation, link and conditional events, the conditions and default of sequence flows, multi-instance loops,
// the process parameters (deadlines an administrator tunes).
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';

const ROLES = [['', '—'], ['doctor', 'Médecin'], ['psychiatrist', 'Psychiatre'], ['nurse', 'Infirmier'], ['social-worker', 'Travailleur social'],
  ['director', 'Directeur'], ['coordinator', 'Coordinateur'], ['referent', 'Référent']];
const TIMER_KINDS = [['timeDuration', 'Durée (P15D, P2M…)'], ['timeDate', 'Date'], ['timeCycle', 'Cycle (R/P7D…)']];

let activities;
async function loadActivities() {
  if (!activities) {
    const response = await fetch('/api/activities', { credentials: 'same-origin' });
    activities = response.ok ? await response.json() : [];
  }
  return activities;
}

function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([key, value]) => {
    if (key.startsWith('on')) node.addEventListener(key.substring(2), value);
    else if (value !== undefined && value !== null) node.setAttribute(key, value);
  });
  children.flat().forEach((child) => node.append(child instanceof Node ? child : document.createTextNode(child ?? '')));
  return node;
}

function field(label, control) {
  return h('label', { class: 'orc-field' }, h('span', {}, label), control);
}

function text(value, onChange, testId) {
  return h('input', { type: 'text', value: value ?? '', 'data-testid': testId, onchange: (e) => onChange(e.target.value) });
}

// ISO 8601 durations read in French (P2M → « 2 mois », P1Y2M → « 1 an et 2 mois », PT36H → « 36 heures »); a ${parameter}
// reads as that parameter; anything else (a date, a cycle, a typo) reads as nothing and the validator says why.
const UNITS = [['Y', 'an', 'ans'], ['M', 'mois', 'mois'], ['W', 'semaine', 'semaines'], ['D', 'jour', 'jours']];
const TIME_UNITS = [['H', 'heure', 'heures'], ['M', 'minute', 'minutes'], ['S', 'seconde', 'secondes']];
export function frenchDuration(value) {
  const text = (value || '').trim();
  const parameter = /^\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}$/.exec(text);
  if (parameter) return `le délai « ${parameter[1]} » du parcours`;
  // Hours, minutes and seconds may carry a fraction (PT1.5H), as the engine reads them.
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return '';
  const parts = [];
  [...UNITS, ...TIME_UNITS].forEach(([, one, many], i) => {
    const n = match[i + 1] ? Number(match[i + 1].replace(',', '.')) : 0;
    if (n) parts.push(`${String(n).replace('.', ',')} ${n >= 2 ? many : one}`);
  });
  if (parts.length === 0) return 'aucun délai';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
}

// A duration: the ISO value (or ${parameter}) as typed, its French reading, and a picker (number + unit) that writes it.
function duration(value, onChange, testId) {
  const reading = h('span', { class: 'orc-duration-reading', 'data-testid': testId + '-reading' }, frenchDuration(value));
  const input = text(value, (v) => { reading.textContent = frenchDuration(v); onChange(v); }, testId);
  const count = h('input', { type: 'number', min: '1', value: '', 'aria-label': 'Nombre', 'data-testid': testId + '-count', class: 'orc-duration-count' });
  const unit = select([['D', 'jours'], ['W', 'semaines'], ['M', 'mois'], ['Y', 'ans'], ['TH', 'heures']], 'D', () => {}, testId + '-unit');
  unit.setAttribute('aria-label', 'Unité');
  const apply = h('button', {
    type: 'button', 'data-testid': testId + '-apply',
    onclick: () => {
      const n = parseInt(count.value, 10);
      if (!(n > 0)) return;
      const iso = unit.value === 'TH' ? `PT${n}H` : `P${n}${unit.value}`;
      input.value = iso;
      reading.textContent = frenchDuration(iso);
      onChange(iso);
    },
  }, 'Appliquer');
  return h('div', { class: 'orc-duration' }, input, reading, h('div', { class: 'orc-duration-picker' }, count, unit, apply));
}

function select(options, value, onChange, testId) {
  const control = h('select', { 'data-testid': testId, onchange: (e) => onChange(e.target.value) },
    options.map(([key, label]) => h('option', { value: key }, label)));
  control.value = value ?? '';
  return control;
}

function extensionValues(modeler, element, businessObject, type) {
  return (businessObject.extensionElements?.values || []).filter((v) => v.$instanceOf(type));
}

function ensureExtensionElements(modeler, element, businessObject) {
  let extensionElements = businessObject.extensionElements;
  if (!extensionElements) {
    extensionElements = modeler.get('bpmnFactory').create('bpmn:ExtensionElements', { values: [] });
    modeler.get('modeling').updateModdleProperties(element, businessObject, { extensionElements });
  }
  return extensionElements;
}

function setInput(modeler, element, name, value) {
  const businessObject = getBusinessObject(element);
  const extensionElements = ensureExtensionElements(modeler, element, businessObject);
  const modeling = modeler.get('modeling');
  const existing = (extensionElements.values || []).find((v) => v.$instanceOf('orc:Input') && v.name === name);
  if (existing) {
    modeling.updateModdleProperties(element, existing, { value });
    return;
  }
  const input = modeler.get('moddle').create('orc:Input', { name, value });
  modeling.updateModdleProperties(element, extensionElements, { values: [...(extensionElements.values || []), input] });
}

function timerSection(modeler, element, definition) {
  const modeling = modeler.get('modeling');
  const kind = TIMER_KINDS.find(([key]) => definition[key])?.[0] || 'timeDuration';
  const value = definition[kind]?.body || '';
  const update = (newKind, newValue) => {
    const expression = modeler.get('bpmnFactory').create('bpmn:FormalExpression', { body: newValue });
    const properties = { timeDuration: undefined, timeDate: undefined, timeCycle: undefined };
    properties[newKind] = expression;
    modeling.updateModdleProperties(element, definition, properties);
  };
  return [
    h('h4', {}, 'Minuterie'),
    field('Type', select(TIMER_KINDS, kind, (k) => update(k, value), 'timer-kind')),
    field(kind === 'timeDuration' ? 'Durée' : 'Valeur (ISO 8601 ou ${paramètre})',
      kind === 'timeDuration' ? duration(value, (v) => update(kind, v), 'timer-value') : text(value, (v) => update(kind, v), 'timer-value')),
  ];
}

async function serviceTaskSection(modeler, element, businessObject, panel) {
  const modeling = modeler.get('modeling');
  const catalog = await loadActivities();
  const current = businessObject.get('orc:activity') || '';
  const nodes = [h('h4', {}, 'Activité'),
    field('Activité', select([['', '—'], ...catalog.map((a) => [a.type, a.displayName])], current,
      (v) => modeling.updateProperties(element, { 'orc:activity': v || undefined }), 'activity'))];
  const descriptor = catalog.find((a) => a.type === current);
  if (descriptor) {
    const inputs = extensionValues(modeler, element, businessObject, 'orc:Input');
    nodes.push(h('p', { class: 'orc-help' }, descriptor.description || ''));
    descriptor.inputs.forEach((input) => {
      const value = inputs.find((i) => i.name === input.name)?.value || '';
      nodes.push(field(input.label + (input.required ? ' *' : ''), text(value, (v) => setInput(modeler, element, input.name, v), 'input-' + input.name)));
    });
  }
  return nodes;
}

// One row per orc:in / orc:out: the variable read (or a ${…} expression) and the variable it lands in.
function mappingRows(modeler, element, businessObject, type, title, help, testId) {
  const modeling = modeler.get('modeling');
  const mappings = extensionValues(modeler, element, businessObject, type);
  const update = (mapping, source, target) => {
    const isExpression = source.trim().startsWith('${');
    modeling.updateModdleProperties(element, mapping, {
      source: isExpression ? undefined : (source.trim() || undefined),
      expression: isExpression ? source.trim() : undefined,
      target: target.trim() || undefined,
    });
  };
  const remove = (mapping) => {
    const extensionElements = businessObject.extensionElements;
    modeling.updateModdleProperties(element, extensionElements, { values: extensionElements.values.filter((v) => v !== mapping) });
  };
  const add = () => {
    const extensionElements = ensureExtensionElements(modeler, element, businessObject);
    const mapping = modeler.get('moddle').create(type, { source: '', target: '' });
    modeling.updateModdleProperties(element, extensionElements, { values: [...(extensionElements.values || []), mapping] });
  };
  return [h('h4', {}, title), h('p', { class: 'orc-help' }, help),
    ...mappings.map((m, i) => h('div', { class: 'orc-mapping', 'data-testid': `${testId}-${i}` },
      text(m.expression || m.source, (v) => update(m, v, m.target || ''), `${testId}-source-${i}`),
      h('span', {}, ' → '),
      text(m.target, (v) => update(m, m.expression || m.source || '', v), `${testId}-target-${i}`),
      h('button', { type: 'button', 'data-testid': `${testId}-remove-${i}`, onclick: () => remove(m) }, 'Retirer'))),
    h('button', { type: 'button', 'data-testid': `${testId}-add`, onclick: add }, 'Ajouter')];
}

function callActivitySection(modeler, element, businessObject) {
  const modeling = modeler.get('modeling');
  return [h('h4', {}, 'Processus appelé'),
    field('Identifiant du processus', text(businessObject.calledElement, (v) => modeling.updateProperties(element, { calledElement: v || undefined }), 'called-element')),
    ...mappingRows(modeler, element, businessObject, 'orc:In', 'Variables transmises',
      'Aucune : le processus appelé reçoit une copie de toutes les variables. Source : une variable ou ${expression}.', 'mapping-in'),
    ...mappingRows(modeler, element, businessObject, 'orc:Out', 'Variables reprises',
      'Aucune : seules les variables écrites par le processus appelé reviennent.', 'mapping-out')];
}

// An error end event throws, a boundary error event catches, the bpmn:Error with this code; empty on a boundary
// catches every error. Errors are shared by code across the file's root elements.
function errorSection(modeler, element, definition) {
  const modeling = modeler.get('modeling');
  const setCode = (code) => {
    const trimmed = code.trim();
    if (!trimmed) {
      modeling.updateModdleProperties(element, definition, { errorRef: undefined });
      return;
    }
    const definitions = modeler.getDefinitions();
    let error = (definitions.rootElements || []).find((r) => r.$instanceOf('bpmn:Error') && r.errorCode === trimmed);
    if (!error) {
      error = modeler.get('bpmnFactory').create('bpmn:Error', { name: trimmed, errorCode: trimmed });
      modeling.updateModdleProperties(element, definitions, { rootElements: [...(definitions.rootElements || []), error] });
    }
    modeling.updateModdleProperties(element, definition, { errorRef: error });
  };
  const help = is(element, 'bpmn:BoundaryEvent')
    ? 'Vide : intercepte toute erreur de l’activité (sous-processus, appel, tâche de service).'
    : 'Code de l’erreur levée, intercepté par un événement d’erreur attaché autour.';
  return [h('h4', {}, 'Erreur'), h('p', { class: 'orc-help' }, help),
    field('Code d’erreur', text(definition.errorRef?.errorCode, setCode, 'error-code'))];
}

// A signal event throws or catches the bpmn:Signal of this name (created if the file has none yet).
function signalSection(modeler, element, definition) {
  const modeling = modeler.get('modeling');
  const setName = (name) => {
    const trimmed = name.trim();
    if (!trimmed) {
      modeling.updateModdleProperties(element, definition, { signalRef: undefined });
      return;
    }
    const definitions = modeler.getDefinitions();
    let signal = (definitions.rootElements || []).find((r) => r.$instanceOf('bpmn:Signal') && r.name === trimmed);
    if (!signal) {
      signal = modeler.get('bpmnFactory').create('bpmn:Signal', { name: trimmed });
      modeling.updateModdleProperties(element, definitions, { rootElements: [...(definitions.rootElements || []), signal] });
    }
    modeling.updateModdleProperties(element, definition, { signalRef: signal });
  };
  return [h('h4', {}, 'Signal'), h('p', { class: 'orc-help' }, 'Diffusé à tous les parcours qui l’attendent.'),
    field('Nom du signal', text(definition.signalRef?.name, setName, 'signal-name'))];
}

// An escalation throw names the bpmn:Escalation it raises; a boundary or event sub-process start catches it by
// code (empty: every escalation). Like errors, escalations are shared by code across the file's root elements.
function escalationSection(modeler, element, definition) {
  const modeling = modeler.get('modeling');
  const setCode = (code) => {
    const trimmed = code.trim();
    if (!trimmed) {
      modeling.updateModdleProperties(element, definition, { escalationRef: undefined });
      return;
    }
    const definitions = modeler.getDefinitions();
    let escalation = (definitions.rootElements || []).find((r) => r.$instanceOf('bpmn:Escalation') && r.escalationCode === trimmed);
    if (!escalation) {
      escalation = modeler.get('bpmnFactory').create('bpmn:Escalation', { name: trimmed, escalationCode: trimmed });
      modeling.updateModdleProperties(element, definitions, { rootElements: [...(definitions.rootElements || []), escalation] });
    }
    modeling.updateModdleProperties(element, definition, { escalationRef: escalation });
  };
  const catches = is(element, 'bpmn:BoundaryEvent') || is(element, 'bpmn:StartEvent');
  const help = catches
    ? 'Vide : intercepte toute escalade du sous-processus ou du processus appelé. Sans interruption, le travail continue à côté.'
    : 'Signale la situation à un niveau de responsabilité supérieur (directeur, médecin) sans arrêter le travail en cours, sauf si l’escalade est interceptée avec interruption.';
  return [h('h4', {}, 'Escalade'), h('p', { class: 'orc-help' }, help),
    field('Code d’escalade', text(definition.escalationRef?.escalationCode, setCode, 'escalation-code'))];
}

// A link throw jumps to the link catch of the same name in the same (sub-)process: an off-page connector.
function linkSection(modeler, element, definition) {
  const modeling = modeler.get('modeling');
  return [h('h4', {}, 'Lien'), h('p', { class: 'orc-help' }, 'Un lien lancé reprend au lien intercepté du même nom, dans le même processus ou sous-processus.'),
    field('Nom du lien', text(definition.name, (v) => modeling.updateModdleProperties(element, definition, { name: v.trim() || undefined }), 'link-name'))];
}

// A flow out of an exclusive or inclusive gateway or out of an activity: the condition that lets the token take it (one
// ${…}, true or false; the server checks it when the draft is saved), or the source's default flow, taken when no condition
// holds. A default flow carries no condition, so marking one removes its condition. Flows out of a parallel or event-based
// gateway, or out of an event, take no condition, so the panel offers none.
function sequenceFlowSection(modeler, element, flow) {
  const source = flow.sourceRef;
  if (!source || !(is(source, 'bpmn:ExclusiveGateway') || is(source, 'bpmn:InclusiveGateway') || is(source, 'bpmn:Activity'))) return [];
  const modeling = modeler.get('modeling');
  const isDefault = source.default === flow;
  const setCondition = (value) => modeling.updateProperties(element, {
    conditionExpression: value.trim() ? modeler.get('bpmnFactory').create('bpmn:FormalExpression', { body: value.trim() }) : undefined,
  });
  const setDefault = (checked) => {
    if (checked && flow.conditionExpression) modeling.updateProperties(element, { conditionExpression: undefined });
    modeling.updateProperties(element.source, { default: checked ? flow : undefined });
  };
  const condition = text(flow.conditionExpression?.body, setCondition, 'flow-condition');
  if (isDefault) condition.disabled = true;
  const defaultBox = h('input', { type: 'checkbox', 'data-testid': 'flow-default', onchange: (e) => setDefault(e.target.checked) });
  defaultBox.checked = isDefault;
  return [h('h4', {}, 'Chemin'),
    h('p', { class: 'orc-help' }, isDefault
      ? 'Chemin par défaut : pris quand aucune condition des autres chemins ne vaut vrai.'
      : 'Pris quand la condition vaut vrai (ex. ${decision === \'admit\'}). Une condition qui ne donne ni vrai ni faux, ou un point de décision dont aucun chemin ne convient, arrête le parcours sur un incident.'),
    field('Condition (${…})', condition),
    h('label', { class: 'orc-check' }, defaultBox, h('span', {}, 'Chemin par défaut'))];
}

// A conditional catch or boundary event: the condition it waits for (one ${…}); it occurs when the condition becomes true.
function conditionalSection(modeler, element, definition) {
  const modeling = modeler.get('modeling');
  const setCondition = (value) => modeling.updateModdleProperties(element, definition, {
    condition: value.trim() ? modeler.get('bpmnFactory').create('bpmn:FormalExpression', { body: value.trim() }) : undefined,
  });
  return [h('h4', {}, 'Condition'),
    h('p', { class: 'orc-help' }, 'L’événement se produit quand la condition devient vraie (ex. ${housingFound === true}), regardée à chaque étape du parcours.'),
    field('Condition (${…})', text(definition.condition?.body, setCondition, 'event-condition'))];
}

// A multi-instance activity (the ||| or ≡ marker, set from the wrench menu): the list it runs over and what each
// instance calls its item, or a number of times; the condition that stops it early; what it collects.
function loopSection(modeler, element, loop) {
  const modeling = modeler.get('modeling');
  const set = (properties) => modeling.updateModdleProperties(element, loop, properties);
  const expression = (value) => (value.trim() ? modeler.get('bpmnFactory').create('bpmn:FormalExpression', { body: value.trim() }) : undefined);
  return [h('h4', {}, loop.isSequential ? 'Instances multiples (l’une après l’autre)' : 'Instances multiples (en parallèle)'),
    h('p', { class: 'orc-help' }, 'Une instance par élément de la liste (ex. ${structures}), ou un nombre de fois. Variables : loopCounter, nrOfInstances, nrOfCompletedInstances.'),
    field('Liste (${…})', text(loop.get('orc:collection'), (v) => set({ 'orc:collection': v.trim() || undefined }), 'loop-collection')),
    field('Nom de chaque élément', text(loop.get('orc:elementVariable'), (v) => set({ 'orc:elementVariable': v.trim() || undefined }), 'loop-element')),
    field('Nombre de fois (au lieu d’une liste)', text(loop.loopCardinality?.body, (v) => set({ loopCardinality: expression(v) }), 'loop-cardinality')),
    field('Arrêter dès que (${…}, ex. ${accepted === true})', text(loop.completionCondition?.body, (v) => set({ completionCondition: expression(v) }), 'loop-completion')),
    field('Recueillir dans la variable', text(loop.get('orc:outputCollection'), (v) => set({ 'orc:outputCollection': v.trim() || undefined }), 'loop-output')),
    field('Valeur recueillie (${…})', text(loop.get('orc:outputElement'), (v) => set({ 'orc:outputElement': v.trim() || undefined }), 'loop-output-element'))];
}

function parameterSection(modeler, element, businessObject) {
  const modeling = modeler.get('modeling');
  const parameters = extensionValues(modeler, element, businessObject, 'orc:Parameter');
  if (parameters.length === 0) return [];
  return [h('h4', {}, 'Délais du parcours'), ...parameters.map((p) =>
    field((p.label || p.name) + (p.max ? ` (au plus ${frenchDuration(p.max) || p.max}, ${p.source})` : '') + (p.min ? ` (au moins ${frenchDuration(p.min) || p.min})` : ''),
      (p.type || 'duration') === 'duration'
        ? duration(p.default, (v) => modeling.updateModdleProperties(element, p, { default: v }), 'parameter-' + p.name)
        : text(p.default, (v) => modeling.updateModdleProperties(element, p, { default: v }), 'parameter-' + p.name)))];
}

export async function renderProperties(modeler, element, panel) {
  if (!element) return;
  const businessObject = getBusinessObject(element);
  const modeling = modeler.get('modeling');
  const nodes = [h('h3', {}, businessObject.name || businessObject.id),
    h('p', { class: 'orc-help' }, `${businessObject.$type.replace('bpmn:', '')} « ${businessObject.id} »`)];
  if (!is(element, 'bpmn:Process') && !is(element, 'bpmn:Collaboration')) {
    nodes.push(field('Nom', text(businessObject.name, (v) => modeling.updateProperties(element, { name: v }), 'name')));
  }
  if (is(element, 'bpmn:UserTask')) {
    nodes.push(h('h4', {}, 'Tâche'),
      field('Rôle', select(ROLES, businessObject.get('orc:role'), (v) => modeling.updateProperties(element, { 'orc:role': v || undefined }), 'role')),
      field('Échéance', duration(businessObject.get('orc:dueIn'), (v) => modeling.updateProperties(element, { 'orc:dueIn': v || undefined }), 'due-in')));
  }
  const timer = (businessObject.eventDefinitions || []).find((d) => d.$instanceOf('bpmn:TimerEventDefinition'));
  if (timer) nodes.push(...timerSection(modeler, element, timer));
  const error = (businessObject.eventDefinitions || []).find((d) => d.$instanceOf('bpmn:ErrorEventDefinition'));
  if (error) nodes.push(...errorSection(modeler, element, error));
  const signal = (businessObject.eventDefinitions || []).find((d) => d.$instanceOf('bpmn:SignalEventDefinition'));
  if (signal) nodes.push(...signalSection(modeler, element, signal));
  const escalation = (businessObject.eventDefinitions || []).find((d) => d.$instanceOf('bpmn:EscalationEventDefinition'));
  if (escalation) nodes.push(...escalationSection(modeler, element, escalation));
  const link = (businessObject.eventDefinitions || []).find((d) => d.$instanceOf('bpmn:LinkEventDefinition'));
  if (link) nodes.push(...linkSection(modeler, element, link));
  const conditional = (businessObject.eventDefinitions || []).find((d) => d.$instanceOf('bpmn:ConditionalEventDefinition'));
  if (conditional) nodes.push(...conditionalSection(modeler, element, conditional));
  if (is(element, 'bpmn:SequenceFlow')) nodes.push(...sequenceFlowSection(modeler, element, businessObject));
  if (is(element, 'bpmn:StartEvent') && businessObject.$parent?.triggeredByEvent) {
    nodes.push(h('h4', {}, 'Sous-processus événementiel'), h('p', { class: 'orc-help' }, businessObject.isInterrupting === false
      ? 'Sans interruption : il s’exécute à côté du travail en cours, à chaque événement.'
      : 'Avec interruption : l’événement arrête tout le travail en cours du processus (ou du sous-processus) qui le contient.'));
  }
  if (businessObject.loopCharacteristics?.$instanceOf('bpmn:MultiInstanceLoopCharacteristics')) nodes.push(...loopSection(modeler, element, businessObject.loopCharacteristics));
  if (is(element, 'bpmn:ServiceTask')) nodes.push(...await serviceTaskSection(modeler, element, businessObject, panel));
  if (is(element, 'bpmn:CallActivity')) nodes.push(...callActivitySection(modeler, element, businessObject));
  if (is(element, 'bpmn:Process')) nodes.push(...parameterSection(modeler, element, businessObject));
  panel.replaceChildren(h('div', { class: 'orc-properties' }, nodes));
}
