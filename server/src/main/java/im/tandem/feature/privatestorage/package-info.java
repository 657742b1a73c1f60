/** XEP-0049 Private XML Storage 1.2: a user keeps arbitrary XML on the server, one element per namespace. */
package im.tandem.feature.privatestorage;
