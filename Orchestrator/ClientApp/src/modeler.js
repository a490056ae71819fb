import BpmnModeler from 'bpmn-js/lib/Modeler';
import BpmnViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import { layoutProcess } from 'bpmn-auto-layout';
import { BpmnModdle } from 'bpmn-moddle';
import orc from './orc-moddle.json';
import { renderProperties } from './properties.js';
import frenchTranslations from './translations-fr.js';

let modeler;
let viewer;

/**
 * Files written by hand (like the shipped definitions) carry no diagram: lay one out. The layout needs each
 * node's incoming/outgoing references, which hand-written files usually leave out, so they are filled first.
 */
async function withDiagram(xml) {
  if (xml.includes('BPMNShape')) return xml;
  // bpmn-auto-layout walks each element's outgoing flows in order and fails on some branch orders; the order does not
  // change what the process does, so other orders are tried: default flows last, then the others reversed.
  const orders = [(flows) => flows, (flows, element) => defaultLast(flows, element), (flows, element) => defaultLast(flows, element).reverse()];
  let failure;
  for (const order of orders) {
    try {
      return await layoutWith(xml, order);
    } catch (error) {
      failure = error;
    }
  }
  throw new Error(`Le schéma n'a pas pu être mis en page automatiquement : ${failure?.message}`);
}

function defaultLast(flows, element) {
  const fallback = element.default;
  return [...flows.filter((f) => f !== fallback), ...flows.filter((f) => f === fallback)];
}

async function layoutWith(xml, order) {
  const moddle = new BpmnModdle({ orc });
  const { rootElement } = await moddle.fromXML(xml);
  const visit = (container) => {
    for (const element of container.flowElements || []) {
      if (element.$type === 'bpmn:SequenceFlow') {
        if (!(element.sourceRef.outgoing ||= []).includes(element)) element.sourceRef.outgoing.push(element);
        if (!(element.targetRef.incoming ||= []).includes(element)) element.targetRef.incoming.push(element);
      }
      if (element.flowElements) visit(element);
    }
    for (const element of container.flowElements || []) if (element.outgoing?.length > 1) element.outgoing = order(element.outgoing, element);
  };
  rootElement.rootElements.filter((e) => e.$type === 'bpmn:Process').forEach(visit);
  return layoutProcess((await moddle.toXML(rootElement)).xml);
}

function fit(instance, leftMargin) {
  const canvas = instance.get('canvas');
  canvas.zoom('fit-viewport');
  const { inner, outer } = canvas.viewbox();
  if (!inner || inner.width === 0 || outer.width <= leftMargin + 40) return;
  const scale = Math.min((outer.width - leftMargin - 30) / inner.width, (outer.height - 40) / inner.height, 1.2);
  canvas.viewbox({ x: inner.x - leftMargin / scale, y: inner.y - 20 / scale, width: outer.width / scale, height: outer.height / scale });
}

function mark(instance, ids, marker) {
  const canvas = instance.get('canvas');
  const registry = instance.get('elementRegistry');
  registry.forEach((element) => canvas.removeMarker(element, marker));
  (ids || []).forEach((id) => registry.get(id) && canvas.addMarker(id, marker));
}

window.orchestratorModeler = {
  /** Opens a definition in the modeler, with our properties panel beside it. */
  async open(containerId, panelId, xml) {
    if (modeler) modeler.destroy();
    modeler = new BpmnModeler({ container: '#' + containerId, moddleExtensions: { orc }, additionalModules: [frenchTranslations] });
    await modeler.importXML(await withDiagram(xml));
    fit(modeler, 90);
    const panel = document.getElementById(panelId);
    const selected = () => modeler.get('selection').get()[0] || modeler.get('canvas').getRootElement();
    const show = () => renderProperties(modeler, selected(), panel);
    modeler.on('selection.changed', show);
    modeler.on('commandStack.changed', show);
    show();
    document.getElementById(containerId).dataset.ready = 'true';
  },

  async xml() {
    const { xml } = await modeler.saveXML({ format: true });
    return xml;
  },

  markProblems(ids) {
    mark(modeler, ids, 'highlight-error');
  },

  markSimulation(done, active) {
    mark(modeler, done, 'highlight-done');
    mark(modeler, active, 'highlight-active');
  },

  markChanges(ids) {
    mark(modeler, ids, 'highlight-active');
  },

  selectElement(id) {
    const element = modeler.get('elementRegistry').get(id);
    if (element) modeler.get('selection').select(element);
  },

  /** Shows a diagram read-only with the completed path and the active elements highlighted. */
  async view(containerId, xml, done, active, failed) {
    if (viewer) viewer.destroy();
    viewer = new BpmnViewer({ container: '#' + containerId, moddleExtensions: { orc } });
    await viewer.importXML(await withDiagram(xml));
    fit(viewer, 10);
    mark(viewer, done, 'highlight-done');
    mark(viewer, active, 'highlight-active');
    mark(viewer, failed, 'highlight-error');
    document.getElementById(containerId).dataset.ready = 'true';
  },
};

// Folded panels (task forms, help): MudBlazor's panel header opens with Enter or Space but does not tell assistive
// technologies it is a button, nor whether it is open; both are added when it takes the focus, on every page.
function panelHeader(target) {
  return target instanceof Element && target.classList.contains('mud-expand-panel-header') ? target : null;
}
document.addEventListener('focusin', (event) => {
  const header = panelHeader(event.target);
  if (!header) return;
  header.setAttribute('role', 'button');
  header.setAttribute('aria-expanded', String(header.parentElement?.classList.contains('mud-panel-expanded') ?? false));
});

// The skip link: with <base href="/"> a bare "#main-content" would lead to the home page, so it moves the focus itself.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('.skip-link') : null;
  const main = link && document.getElementById('main-content');
  if (!main) return;
  event.preventDefault();
  main.focus();
  main.scrollIntoView();
});
