// French for the modeler's own words (palette, context pad, replace menu), through bpmn-js's translate service.
// Words without an entry stay as bpmn-js writes them.
const fr = {
  'Activate hand tool': 'Outil main (déplacer le schéma)',
  'Activate lasso tool': 'Outil lasso (sélectionner)',
  'Activate create/remove space tool': 'Créer ou supprimer de l’espace',
  'Activate global connect tool': 'Relier deux éléments',
  'Create start event': 'Créer un événement de début',
  'Create intermediate/boundary event': 'Créer un événement intermédiaire ou attaché',
  'Create end event': 'Créer un événement de fin',
  'Create gateway': 'Créer une passerelle (choix, parallèle…)',
  'Create task': 'Créer une tâche',
  'Create expanded sub-process': 'Créer un sous-processus',
  'Create data object reference': 'Créer une référence de données',
  'Create data store reference': 'Créer un stockage de données',
  'Create pool/participant': 'Créer un participant (couloir)',
  'Create group': 'Créer un groupe',
  'Append task': 'Ajouter une tâche à la suite',
  'Append end event': 'Ajouter un événement de fin',
  'Append gateway': 'Ajouter une passerelle',
  'Append intermediate/boundary event': 'Ajouter un événement intermédiaire',
  'Append receive task': 'Ajouter une réception de message',
  'Append message intermediate catch event': 'Ajouter une attente de message',
  'Append timer intermediate catch event': 'Ajouter une attente (minuterie)',
  'Append signal intermediate catch event': 'Ajouter une attente de signal',
  'Append conditional intermediate catch event': 'Ajouter une attente conditionnelle',
  'Append compensation activity': 'Ajouter une activité de compensation',
  'Append text annotation': 'Ajouter une annotation',
  'Change element': 'Changer le type d’élément',
  'Change type': 'Changer le type',
  'Connect to other element': 'Relier à un autre élément',
  'Connect using association': 'Relier par une association',
  'Connect using data input association': 'Relier par une association de données',
  'Delete': 'Supprimer',
  'Search in diagram': 'Chercher dans le schéma',
  'Align elements': 'Aligner les éléments',
  'Distribute elements horizontally': 'Répartir horizontalement',
  'Distribute elements vertically': 'Répartir verticalement',
  'Add lane above': 'Ajouter un couloir au-dessus',
  'Add lane below': 'Ajouter un couloir en dessous',
  'Divide into two lanes': 'Diviser en deux couloirs',
  'Divide into three lanes': 'Diviser en trois couloirs',
  'Loop': 'Boucle',
  'Parallel multi-instance': 'Instances multiples en parallèle',
  'Sequential multi-instance': 'Instances multiples l’une après l’autre',
  'Collection': 'Collection',
  'Toggle non-interrupting': 'Interrompre ou non',
  'Participant multiplicity': 'Participants multiples',
  'Open {element}': 'Ouvrir {element}',
};

/** The bpmn-js module: translate(template, replacements) in French. */
export default {
  translate: ['value', (template, replacements) => {
    const text = fr[template] || template;
    return text.replace(/{([^}]+)}/g, (_, key) => (replacements && replacements[key]) || `{${key}}`);
  }],
};
