// How the graph view is arranged so a reader can read it: a force layout spaced for the number of nodes, labels
// drawn at a readable size whatever the zoom, and only the labels that have room (the centre and the nodes
// with most ties first); a label left out shows when the pointer is on its node or the node is selected, and
// zooming in gives more labels room.

import { inside, overlaps } from "./util.js";

export const LABEL_PX = 11; // a label's size on screen, at any zoom up to 1 (zooming in past 1 enlarges it)
const LABEL_WIDTH_PX = 72; // a label wraps (anywhere, for Chinese) past this width on screen
const PAD = 2; // screen pixels kept clear around a label

// A cose layout spaced for `n` nodes: repulsion and edge length grow with the count so labels get room.
export function layoutOptions(elements, randomize) {
  const n = Math.max(elements.nodes().length, 1);
  return {
    name: "cose", animate: false, randomize, fit: true, padding: 24,
    nodeRepulsion: () => 6000 + 900 * n,
    idealEdgeLength: () => 60 + 4 * Math.sqrt(n),
    nodeOverlap: 40, componentSpacing: 80, gravity: 0.6, numIter: 1500,
  };
}

// Label sizes in model units for the current zoom, so a label reads LABEL_PX on screen when zoomed out.
export function sizeLabels(cy) {
  const scale = 1 / Math.min(cy.zoom(), 1);
  cy.batch(() => {
    cy.nodes().style({
      "font-size": LABEL_PX * scale, "text-max-width": LABEL_WIDTH_PX * scale, "text-outline-width": 2 * scale,
    });
  });
}

function grow(box, by) {
  return { x1: box.x1 - by, y1: box.y1 - by, x2: box.x2 + by, y2: box.y2 + by };
}

// Where a label may sit, as text alignment and margin (in screen pixels) from its node.
const PLACES = {
  below: { "text-valign": "bottom", "text-halign": "center", x: 0, y: 3 },
  above: { "text-valign": "top", "text-halign": "center", x: 0, y: -3 },
  right: { "text-valign": "center", "text-halign": "right", x: 4, y: 0 },
  left: { "text-valign": "center", "text-halign": "left", x: -4, y: 0 },
};

// The places to try for a node's label, the one facing away from the middle of the drawing first.
function placesFor(node, middle) {
  const p = node.position();
  const dx = p.x - middle.x;
  const dy = p.y - middle.y;
  const first = Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? "right" : "left") : (dy < 0 ? "above" : "below");
  return [first, ...["below", "right", "left", "above"].filter((k) => k !== first)];
}

function put(node, place, scale) {
  const { x, y, ...align } = PLACES[place];
  node.style({ ...align, "text-margin-x": x * scale, "text-margin-y": y * scale });
}

// Show the labels that fit: nodes in `priority` order (most important first) keep their label when, in one
// of four places around the node, it covers no other node and no label already kept; the others get the
// class `quiet` (no label).
export function placeLabels(cy, priority) {
  const nodes = cy.nodes().filter((n) => n.visible());
  cy.batch(() => nodes.removeClass("quiet hover"));
  const scale = 1 / Math.min(cy.zoom(), 1);
  const pad = PAD / cy.zoom();
  const bodies = new Map(nodes.map((n) => [n.id(), n.boundingBox({ includeLabels: false })]));
  const middle = nodes.boundingBox({ includeLabels: false });
  const centre = { x: (middle.x1 + middle.x2) / 2, y: (middle.y1 + middle.y2) / 2 };
  const view = cy.extent(); // a label cut by the canvas's edge is not read either
  const kept = [];
  const quiet = [];
  for (const node of [...nodes].sort(priority)) {
    const body = bodies.get(node.id());
    const fits = (box) => inside(box, view) && kept.every((k) => !overlaps(k, box)) && nodes.every((m) => m.id() === node.id()
      || !overlaps(bodies.get(m.id()), box) || overlaps(bodies.get(m.id()), body));
    const places = placesFor(node, centre);
    let place = places.find((where) => {
      put(node, where, scale);
      return fits(grow(node.boundingBox({ includeLabels: true }), pad));
    });
    if (!place && node.hasClass("center")) { // a centre is always named: where its label covers fewest nodes
      const covered = (where) => {
        put(node, where, scale);
        const box = node.boundingBox({ includeLabels: true });
        return (inside(box, view) ? 0 : 1000) + nodes.filter((m) => m.id() !== node.id() && overlaps(bodies.get(m.id()), box)).length;
      };
      place = [...places].sort((a, b) => covered(a) - covered(b))[0];
      put(node, place, scale);
    }
    if (place) kept.push(grow(node.boundingBox({ includeLabels: true }), pad));
    else {
      put(node, places[0], scale);
      quiet.push(node);
    }
  }
  cy.batch(() => quiet.forEach((n) => n.addClass("quiet")));
  return kept.length;
}

// Keep labels readable while the reader zooms: sizes and the labels that fit are worked out again once the
// zoom settles.
export function followZoom(cy, priority) {
  let timer = null;
  let lastZoom = cy.zoom();
  cy.on("zoom", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (cy.destroyed() || Math.abs(cy.zoom() - lastZoom) < 1e-3) return;
      lastZoom = cy.zoom();
      sizeLabels(cy);
      placeLabels(cy, priority);
    }, 120);
  });
  cy.on("mouseover", "node", (event) => event.target.addClass("hover"));
  cy.on("mouseout", "node", (event) => event.target.removeClass("hover"));
  // leaving the canvas from a node sends no mouseout: no label is left shown by a pointer that is gone
  cy.container().addEventListener("mouseleave", () => cy.nodes(".hover").removeClass("hover"));
}
