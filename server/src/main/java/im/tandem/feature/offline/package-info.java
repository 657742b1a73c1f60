/**
 * XEP-0160 Best Practices for Handling Offline Messages 1.0.1: chat and normal messages to a
 * user with no available resource are stored, stamped with XEP-0203 Delayed Delivery 2.0,
 * honouring XEP-0334 Message Processing Hints 0.3.0, and delivered on the next initial
 * presence with non-negative priority.
 */
package im.tandem.feature.offline;
