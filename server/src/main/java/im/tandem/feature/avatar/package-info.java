/**
 * XEP-0398 User Avatar to vCard-Based Avatars Conversion 0.2: an avatar published the XEP-0084
 * way (urn:xmpp:avatar:data and urn:xmpp:avatar:metadata PEP nodes) becomes the vCard's PHOTO,
 * and a vCard PHOTO set by an older client is published as a XEP-0084 avatar. (The
 * vcard-temp:x:update presence hint of XEP-0153 is not added yet.)
 */
package im.tandem.feature.avatar;
