//! The parsed page: html5ever's tree builder writing into a flat arena of nodes.
//!
//! Extraction only walks the tree in document order and reads element names and a few attributes, so
//! the nodes keep the links the walk follows and the element's name and attributes as the tokenizer
//! made them: no per-element conversions, sorting or interning beyond html5ever's own, and one vector
//! to free at the end.

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
// `expanded_name!` expands to `ns!` and `local_name!`, which must be in scope.
use html5ever::{expanded_name, local_name, ns, Attribute, LocalName, QualName};
use std::borrow::Cow;
use std::cell::{Ref, RefCell};

/// The index of a node in [`Dom::nodes`].
pub type NodeId = usize;

/// No node: the end of a link.
const NONE: NodeId = usize::MAX;

/// An element: its name and attributes.
#[derive(Debug)]
pub struct Element {
    /// The qualified name.
    name: QualName,
    /// The attributes, in source order, duplicates already removed by the tokenizer.
    attrs: Vec<Attribute>,
}

impl Element {
    /// The local name (`div`, `p`), lowercase for HTML elements.
    pub fn name(&self) -> &str {
        &self.name.local
    }

    /// The value of the attribute without a namespace called `name`. Elements keep only the few
    /// attributes extraction reads (see [`super::nesting`]), so a scan is cheaper than any index; the
    /// names are interned atoms, so each comparison is one integer comparison, not a string one.
    pub fn attr(&self, name: &LocalName) -> Option<&str> {
        self.attrs
            .iter()
            .find(|attr| attr.name.ns == ns!() && attr.name.local == *name)
            .map(|attr| &*attr.value)
    }
}

/// What a node is.
#[derive(Debug)]
pub enum NodeData {
    /// The document root.
    Document,
    /// The content of a `<template>`.
    Fragment,
    /// An element.
    Element(Element),
    /// A run of text.
    Text(StrTendril),
    /// A comment, doctype or processing instruction: never read, kept so that text on either side of
    /// one stays two text nodes, as the tree builder made them.
    Other,
}

/// One node with its links.
#[derive(Debug)]
pub struct Node {
    parent: NodeId,
    prev_sibling: NodeId,
    next_sibling: NodeId,
    first_child: NodeId,
    last_child: NodeId,
    /// What the node is.
    pub data: NodeData,
}

/// A parsed page.
#[derive(Debug)]
pub struct Dom {
    nodes: Vec<Node>,
}

/// Where a link leads, `None` at its end.
fn link(id: NodeId) -> Option<NodeId> {
    (id != NONE).then_some(id)
}

impl Dom {
    /// Parses a whole document as a browser would.
    pub fn parse_document(html: &str) -> Dom {
        // A node per tag or comment and one per text run between them: the count of `<` bounds the
        // elements and comes close to the total, so the arena is rarely grown (and copied) while parsing.
        let tags = memchr::memchr_iter(b'<', html.as_bytes()).count();
        let sink = Sink { dom: RefCell::new(Dom::with_root(tags + tags / 2 + 16)) };
        html5ever::parse_document(sink, Default::default()).one(html)
    }

    fn with_root(capacity: usize) -> Dom {
        let mut nodes = Vec::with_capacity(capacity);
        nodes.push(Node::new(NodeData::Document));
        Dom { nodes }
    }

    /// The document root.
    pub fn root(&self) -> NodeId {
        0
    }

    /// A node.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// The first child of a node.
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        link(self.nodes[id].first_child)
    }

    /// The next sibling of a node.
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        link(self.nodes[id].next_sibling)
    }

    /// The parent of a node.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        link(self.nodes[id].parent)
    }

    fn push(&mut self, data: NodeData) -> NodeId {
        self.nodes.push(Node::new(data));
        self.nodes.len() - 1
    }

    /// Takes a node out of its parent's children.
    fn detach(&mut self, id: NodeId) {
        let Node { parent, prev_sibling: prev, next_sibling: next, .. } = self.nodes[id];
        if parent == NONE {
            return;
        }
        match link(prev) {
            Some(prev) => self.nodes[prev].next_sibling = next,
            None => self.nodes[parent].first_child = next,
        }
        match link(next) {
            Some(next) => self.nodes[next].prev_sibling = prev,
            None => self.nodes[parent].last_child = prev,
        }
        let node = &mut self.nodes[id];
        node.parent = NONE;
        node.prev_sibling = NONE;
        node.next_sibling = NONE;
    }

    /// Makes `child` the last child of `parent`, taking it from where it was.
    fn append(&mut self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let last = self.nodes[parent].last_child;
        match link(last) {
            Some(last) => self.nodes[last].next_sibling = child,
            None => self.nodes[parent].first_child = child,
        }
        self.nodes[parent].last_child = child;
        let node = &mut self.nodes[child];
        node.parent = parent;
        node.prev_sibling = last;
    }

    /// Puts `new` just before `sibling`, taking it from where it was.
    fn insert_before(&mut self, sibling: NodeId, new: NodeId) {
        self.detach(new);
        let Node { parent, prev_sibling: prev, .. } = self.nodes[sibling];
        match link(prev) {
            Some(prev) => self.nodes[prev].next_sibling = new,
            None => self.nodes[parent].first_child = new,
        }
        self.nodes[sibling].prev_sibling = new;
        let node = &mut self.nodes[new];
        node.parent = parent;
        node.prev_sibling = prev;
        node.next_sibling = sibling;
    }

    /// Adds text to `node` when it is a text node; says whether it was.
    fn extend_text(&mut self, node: Option<NodeId>, text: &StrTendril) -> bool {
        match node.map(|id| &mut self.nodes[id].data) {
            Some(NodeData::Text(existing)) => {
                existing.push_tendril(text);
                true
            }
            _ => false,
        }
    }
}

impl Node {
    fn new(data: NodeData) -> Node {
        Node {
            parent: NONE,
            prev_sibling: NONE,
            next_sibling: NONE,
            first_child: NONE,
            last_child: NONE,
            data,
        }
    }
}

/// The tree builder's view of a [`Dom`] under construction (html5ever calls the sink through `&self`).
struct Sink {
    dom: RefCell<Dom>,
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        self.dom.into_inner()
    }

    fn parse_error(&self, _message: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.dom.borrow(), |dom| match &dom.nodes[*target].data {
            NodeData::Element(element) => &element.name,
            // The tree builder asks only about elements.
            _ => unreachable!("the tree builder asked for the name of a node that is not an element"),
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _flags: ElementFlags) -> NodeId {
        let template = name.expanded() == expanded_name!(html "template");
        let mut dom = self.dom.borrow_mut();
        let id = dom.push(NodeData::Element(Element { name, attrs }));
        if template {
            let contents = dom.push(NodeData::Fragment);
            dom.append(id, contents);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.dom.borrow_mut().push(NodeData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.dom.borrow_mut().push(NodeData::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut dom = self.dom.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => dom.append(*parent, id),
            NodeOrText::AppendText(text) => {
                let last = link(dom.nodes[*parent].last_child);
                if !dom.extend_text(last, &text) {
                    let id = dom.push(NodeData::Text(text));
                    dom.append(*parent, id);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.dom.borrow().nodes[*element].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {
        let mut dom = self.dom.borrow_mut();
        let id = dom.push(NodeData::Other);
        dom.append(0, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // Every template element is created with its fragment as first child.
        let dom = self.dom.borrow();
        link(dom.nodes[*target].first_child).unwrap_or(*target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut dom = self.dom.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            dom.detach(id);
        }
        if dom.nodes[*sibling].parent == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(id) => dom.insert_before(*sibling, id),
            NodeOrText::AppendText(text) => {
                let prev = link(dom.nodes[*sibling].prev_sibling);
                if !dom.extend_text(prev, &text) {
                    let id = dom.push(NodeData::Text(text));
                    dom.insert_before(*sibling, id);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut dom = self.dom.borrow_mut();
        if let NodeData::Element(element) = &mut dom.nodes[*target].data {
            for attr in attrs {
                if !element.attrs.iter().any(|held| held.name == attr.name) {
                    element.attrs.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.dom.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut dom = self.dom.borrow_mut();
        while let Some(child) = link(dom.nodes[*node].first_child) {
            dom.append(*new_parent, child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page as nested tags and text, for comparing trees.
    fn outline(dom: &Dom, id: NodeId, out: &mut String) {
        match &dom.node(id).data {
            NodeData::Element(element) => {
                out.push('<');
                out.push_str(element.name());
                out.push('>');
            }
            NodeData::Text(text) => {
                out.push('[');
                out.push_str(text);
                out.push(']');
            }
            NodeData::Fragment => out.push_str("#fragment"),
            NodeData::Document | NodeData::Other => {}
        }
        let mut child = dom.first_child(id);
        while let Some(c) = child {
            outline(dom, c, out);
            child = dom.next_sibling(c);
        }
        if let NodeData::Element(element) = &dom.node(id).data {
            out.push_str("</");
            out.push_str(element.name());
            out.push('>');
        }
    }

    fn parsed(html: &str) -> String {
        let dom = Dom::parse_document(html);
        let mut out = String::new();
        outline(&dom, dom.root(), &mut out);
        out
    }

    #[test]
    fn builds_the_tree_a_browser_builds() {
        assert_eq!(
            parsed("<p>one<p>two<div>three</div>"),
            "<html><head></head><body><p>[one]</p><p>[two]</p><div>[three]</div></body></html>"
        );
    }

    #[test]
    fn misnested_formatting_is_repaired() {
        // The adoption agency moves and clones nodes: detach, insert-before and reparenting.
        assert_eq!(
            parsed("<b>1<p>2</b>3</p>"),
            "<html><head></head><body><b>[1]</b><p><b>[2]</b>[3]</p></body></html>"
        );
        // Text in a table is moved in front of it.
        assert_eq!(
            parsed("<table>a<tr><td>b</td></tr>c</table>"),
            "<html><head></head><body>[ac]<table><tbody><tr><td>[b]</td></tr></tbody></table></body></html>"
        );
    }

    #[test]
    fn template_content_sits_in_a_fragment() {
        assert_eq!(
            parsed("<body><template><p>x</p></template>"),
            "<html><head></head><body><template>#fragment<p>[x]</p></template></body></html>"
        );
    }

    #[test]
    fn attributes_are_read_by_name_and_merged_once() {
        let dom = Dom::parse_document("<html lang=de><body class=a><body class=b id=c>");
        let mut names = Vec::new();
        for id in 0..dom.nodes.len() {
            if let NodeData::Element(element) = &dom.node(id).data {
                names.push((
                    element.name().to_string(),
                    element.attr(&local_name!("lang")),
                    element.attr(&local_name!("class")),
                    element.attr(&local_name!("id")),
                ));
            }
        }
        assert!(names.contains(&("html".into(), Some("de"), None, None)));
        // A second <body> adds the attributes the first one lacks, and changes none.
        assert!(names.contains(&("body".into(), None, Some("a"), Some("c"))));
    }

    #[test]
    fn text_around_a_comment_stays_two_nodes() {
        assert_eq!(parsed("<p>a<!--x-->b</p>"), "<html><head></head><body><p>[a][b]</p></body></html>");
    }
}
