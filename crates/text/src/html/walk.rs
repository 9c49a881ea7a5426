//! Document-order traversal of a parsed page without recursion.
//!
//! The walk follows first-child / next-sibling / parent links, so it needs no stack at all and a
//! page nested a million deep costs no more than a flat one. Callers keep their own explicit stack
//! of open elements from the `Open` / `Close` events.

use super::tree::{Dom, Element, NodeData};
use html5ever::LocalName;

/// One step of the walk.
pub enum Visit<'a> {
    /// An element starts; its children follow, then its `Close`.
    Open(&'a Element),
    /// An element ends.
    Close(&'a Element),
    /// A text node.
    Text(&'a str),
}

/// Calls `visit` for every element and text node of `dom` in document order.
pub fn walk<'a>(dom: &'a Dom, mut visit: impl FnMut(Visit<'a>)) {
    let root = dom.root();
    let mut node = root;
    loop {
        let mut descend = false;
        match &dom.node(node).data {
            NodeData::Element(element) => {
                visit(Visit::Open(element));
                descend = true;
            }
            NodeData::Text(text) => visit(Visit::Text(text)),
            NodeData::Document | NodeData::Fragment => descend = true,
            NodeData::Other => {}
        }
        if descend {
            if let Some(child) = dom.first_child(node) {
                node = child;
                continue;
            }
        }
        // Leave `node` and every ancestor that has no next sibling.
        loop {
            if let NodeData::Element(element) = &dom.node(node).data {
                visit(Visit::Close(element));
            }
            if node == root {
                return;
            }
            if let Some(sibling) = dom.next_sibling(node) {
                node = sibling;
                break;
            }
            match dom.parent(node) {
                Some(parent) => node = parent,
                None => return,
            }
        }
    }
}

/// The value of an element's attribute (`local_name!("class")`).
pub fn attribute<'a>(element: &'a Element, name: &LocalName) -> Option<&'a str> {
    element.attr(name)
}
