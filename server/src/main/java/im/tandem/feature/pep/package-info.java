/**
 * XEP-0163 Personal Eventing Protocol 1.2: every account is a virtual pubsub service at its bare
 * JID, on the {@link im.tandem.feature.pubsub} core. Nodes are created on first publication,
 * default to the presence access model, and notify the owner's sessions and the contacts
 * subscribed to the owner's presence whose entity caps (XEP-0115) ask for the node with
 * {@code +notify}; a newly available session gets the last item of each node it asks for.
 * Also XEP-0490 server-assisted displayed synchronization.
 */
package im.tandem.feature.pep;
